"""Kiosk configuration: defaults written once, bad values named, data paths."""

from __future__ import annotations

import tomllib
from dataclasses import fields
from pathlib import Path

import pytest

from kiosk.config import (
    APP_NAME,
    DataPaths,
    KioskConfig,
    config_from_mapping,
    default_config_text,
    default_data_dir,
    load_config,
    write_installed_config,
)
from kiosk.errors import ConfigError


def test_a_missing_file_is_written_with_commented_defaults(tmp_path: Path) -> None:
    path = tmp_path / "etc" / "kiosk.toml"
    config = load_config(path)

    assert config == KioskConfig()
    assert config.kiosk_code == "DEMO01"
    assert dict(config.township) == {"zh_CN": "龙泉镇", "en": "Longquan Township"}
    assert config.languages == ("zh_CN", "en")
    assert config.default_language == "zh_CN"
    assert (config.inactivity_seconds, config.countdown_seconds) == (90, 20)
    assert config.confirmation_seconds == 90
    assert config.central_url is None

    text = path.read_text(encoding="utf-8")
    assert text == default_config_text()
    assert "# This kiosk's code" in text
    assert '# central_url = "https://' in text
    assert load_config(path) == config  # the written file reads back as the defaults
    assert not list(path.parent.glob("*.tmp"))
    assert config.applications_before_enrolment  # tests and demonstrations take them


def test_an_installed_kiosk_starts_taking_no_application_before_enrolment(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    write_installed_config(path)
    installed = path.read_text(encoding="utf-8")
    assert "\napplications_before_enrolment = false\n" in installed
    assert "# Whether the start screen takes applications before" in installed
    assert load_config(path) == KioskConfig(applications_before_enrolment=False)

    path.write_text('kiosk_code = "LQ05"\n', encoding="utf-8")
    write_installed_config(path)  # a reinstall keeps the administrator's file
    assert path.read_text(encoding="utf-8") == 'kiosk_code = "LQ05"\n'


def test_every_setting_is_documented_in_the_default_file() -> None:
    text = default_config_text()
    for name in KioskConfig.__dataclass_fields__:
        assert f"{name} = " in text
    parsed = tomllib.loads(text)
    assert "central_url" not in parsed  # unset by default, shown only as a comment


def test_values_in_the_file_override_defaults(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text(
        'kiosk_code = "LQ03"\n'
        'languages = ["ug", "zh_CN"]\n'
        'default_language = "ug"\n'
        'central_url = "https://central.example.org/api"\n'
        "inactivity_seconds = 120\n"
        "[township]\n"
        'ug = "لۇڭچۈەن بازىرى"\n'
        'zh_CN = "龙泉镇"\n',
        encoding="utf-8",
    )
    config = load_config(path)
    assert config.kiosk_code == "LQ03"
    assert config.languages == ("ug", "zh_CN")
    assert config.township["ug"] == "لۇڭچۈەن بازىرى"
    assert config.central_url == "https://central.example.org/api"
    assert config.inactivity_seconds == 120
    assert config.countdown_seconds == 20  # not in the file: default


@pytest.mark.parametrize(
    ("toml", "key"),
    [
        ('kiosk_code = "lq03"', "kiosk_code"),
        ('kiosk_code = "TOOLONGCODE"', "kiosk_code"),
        ("kiosk_code = 42", "kiosk_code"),
        ("languages = []", "languages"),
        ('languages = ["zh_CN", "zh_CN"]', "languages"),
        ('languages = ["Chinese"]', "languages"),
        ('languages = "zh_CN"', "languages"),
        ("languages = [1]", "languages[0]"),
        ('default_language = "fr"', "default_language"),
        ('township = { zh_CN = "龙泉镇" }', "township.en"),
        ('township = { zh_CN = "龙泉镇", en = "  " }', "township.en"),
        ('township = "龙泉镇"', "township"),
        ('inactivity_seconds = "90"', "inactivity_seconds"),
        ('applications_before_enrolment = "no"', "applications_before_enrolment"),
        ("inactivity_seconds = true", "inactivity_seconds"),
        ("inactivity_seconds = 1.5", "inactivity_seconds"),
        ("inactivity_seconds = 5", "inactivity_seconds"),
        ("countdown_seconds = 0", "countdown_seconds"),
        ("inactivity_seconds = 30\ncountdown_seconds = 40", "countdown_seconds"),
        ("confirmation_seconds = 6000", "confirmation_seconds"),
        ("confirmation_seconds = 30", "confirmation_seconds"),  # too short to copy a number
        ('central_url = "ftp://central.example.org"', "central_url"),
        ('central_url = "central.example.org"', "central_url"),
        ("inactivity_secs = 90", "inactivity_secs"),
        ("kiosk_code = ", ""),  # not TOML at all
    ],
)
def test_bad_values_are_refused_naming_the_key(tmp_path: Path, toml: str, key: str) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text(toml + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert caught.value.key == key
    assert caught.value.problem
    assert caught.value.code == "config_invalid"


def test_configs_built_in_code_are_checked_too() -> None:
    with pytest.raises(ConfigError) as caught:
        KioskConfig(kiosk_code="x")
    assert caught.value.key == "kiosk_code"


def test_data_paths_live_in_one_directory_that_is_created(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "data")
    assert paths.data_dir.is_dir()
    assert paths.logs.is_dir()
    assert paths.database == tmp_path / "data" / "kiosk.db"
    assert paths.config == tmp_path / "data" / "kiosk.toml"
    assert paths.database.parent == paths.config.parent == paths.logs.parent == paths.data_dir


def test_the_default_data_dir_is_named_for_the_kiosk() -> None:
    assert default_data_dir().name == APP_NAME == "township-kiosk"


def test_every_whole_number_setting_declares_its_bounds_once() -> None:
    """The range in each setting's documentation is the range the check enforces:
    one declaration (`bounds=`), from which both come."""
    ranged = [setting for setting in fields(KioskConfig) if setting.metadata["bounds"]]
    assert {setting.name for setting in ranged} == {
        setting.name for setting in fields(KioskConfig) if setting.type == "int"
    }
    text = default_config_text().replace("\n# ", " ")  # the comments, unwrapped
    for setting in ranged:
        low, high = setting.metadata["bounds"]
        assert f"({low} to {high}" in setting.metadata["doc"]
        assert f"({low} to {high}" in text
        for outside in (low - 1, high + 1):
            with pytest.raises(ConfigError) as refused:
                config_from_mapping({setting.name: outside})
            assert refused.value.key == setting.name
            assert f"between {low} and {high}" in str(refused.value)
