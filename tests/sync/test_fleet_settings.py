"""Fleet settings travel signed from the centre and apply at a kiosk's next start."""

from __future__ import annotations

import io
import json
import os
import stat
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from central import fleet_settings_registry
from cli.central_command import main as central_main
from kiosk.config import DataPaths
from kiosk.fleet_settings import FLEET_SETTINGS_FILE
from kiosk.services import load_services
from sync.enrolment import enrol
from sync.fleet_settings_updates import install_fleet_settings
from sync.protocol import FleetSettingsBundle
from sync.usb_transfer import import_form_bundles
from tests.central.platform import Platform
from tests.sync.conftest import KIOSK_CODE, Kiosk, make_kiosk

LOCAL_TOML = 'kiosk_code = "LQ03"\ninactivity_seconds = 60\ncountdown_seconds = 25\n'


def publish(platform: Platform, tmp_path: Path, document: object) -> tuple[int, str]:
    """Publish through the real command: its exit code and what it wrote to stderr."""
    path = tmp_path / "fleet.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    argv = ["--database", platform.database.url, "--json", "fleet-settings", "publish", str(path)]
    errors = io.StringIO()
    with redirect_stderr(errors):
        code = central_main([*argv, "--key", str(tmp_path / "signing.pem")], clock=platform.clock)
    return code, errors.getvalue()


@pytest.fixture
def paths(tmp_path: Path, kiosk: Kiosk) -> DataPaths:
    """The kiosk's data directory, with its own kiosk.toml; the worker keeps settings there."""
    made = DataPaths(tmp_path / "kiosk-data")
    made.config.write_text(LOCAL_TOML, encoding="utf-8")
    kiosk.worker.paths = made
    return made


def newest(platform: Platform) -> FleetSettingsBundle:
    with platform.database.transaction() as connection:
        bundle = fleet_settings_registry.newest(connection)
    assert bundle is not None
    return bundle


def audited(kiosk: Kiosk) -> list[str]:
    rows = kiosk.db.execute("SELECT action FROM audit WHERE subject = 'fleet_settings'")
    return [str(row[0]) for row in rows]


def test_settings_reach_the_kiosk_and_apply_at_its_next_start(
    kiosk: Kiosk, platform: Platform, paths: DataPaths, tmp_path: Path
) -> None:
    assert load_services(paths.data_dir).config.inactivity_seconds == 60  # kiosk.toml alone
    document = {
        "fleet": {"inactivity_seconds": 120, "printer": "cups"},
        "kiosks": {
            KIOSK_CODE: {"printer_queue": "Receipts", "receipt_paper": "58mm"},
            "ZZ99": {"receipt_paper": "a4"},
        },
    }
    assert publish(platform, tmp_path, document)[0] == 0

    report = kiosk.worker.run_once()

    assert report.online and report.error is None and report.fleet_settings == 1
    kept = paths.data_dir / FLEET_SETTINGS_FILE
    assert stat.S_IMODE(os.stat(kept).st_mode) == 0o600
    config = load_services(paths.data_dir).config
    assert config.inactivity_seconds == 120, "the fleet layer over kiosk.toml"
    assert config.countdown_seconds == 25, "what the centre did not set stays as kiosk.toml says"
    assert (config.printer, config.printer_queue, config.receipt_paper) == (
        "cups",
        "Receipts",
        "58mm",
    ), "this kiosk's own layer; another kiosk's is not applied"
    assert kiosk.worker.run_once().fleet_settings is None, "nothing newer: nothing installed"
    assert audited(kiosk) == ["fleet_settings_installed"]


@pytest.mark.parametrize(
    ("document", "named"),
    [
        ({"fleet": {"central_url": "https://evil.example.org/"}}, "central_url"),
        ({"fleet": {"kiosk_code": "XX01"}}, "kiosk_code"),
        ({"fleet": {"inactivity_seconds": 5}}, "inactivity_seconds"),
        ({"fleet": {"printer": "fax"}}, "printer"),
        ({"fleet": {"default_language": "ug"}}, "default_language"),
        ({"kiosks": {"not a code": {}}}, "not a code"),
        ({"kiosks": {"LQ03": {"countdown_seconds": 95}}}, "kiosks.LQ03"),
        ({"fleet": {"inactivity_seconds": "120"}}, "whole number"),
        ({"other": {}}, '"fleet" and "kiosks"'),
        ([1, 2], '"fleet" and "kiosks"'),
    ],
)
def test_the_centre_refuses_settings_no_kiosk_could_use(
    platform: Platform, tmp_path: Path, document: object, named: str
) -> None:
    code, errors = publish(platform, tmp_path, document)
    assert code != 0
    assert named in errors
    with platform.database.transaction() as connection:
        assert fleet_settings_registry.newest(connection) is None


def test_a_document_past_its_size_bound_is_refused(platform: Platform, tmp_path: Path) -> None:
    layers = {f"K{number:05d}": {"printer_queue": "Q" * 40} for number in range(5000)}
    code, errors = publish(platform, tmp_path, {"kiosks": layers})
    assert code != 0 and "larger than" in errors


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"signature": ""}, "unsigned"),
        ({"document": '{"fleet":{"inactivity_seconds":3600}}'}, "bad_signature"),
        ({"serial": 9}, "bad_signature"),  # the serial is signed too
    ],
)
def test_unsigned_and_tampered_settings_are_refused_once_and_the_old_ones_stay(
    kiosk: Kiosk,
    platform: Platform,
    paths: DataPaths,
    tmp_path: Path,
    change: dict[str, object],
    reason: str,
) -> None:
    publish(platform, tmp_path, {"fleet": {"inactivity_seconds": 120}})
    kiosk.worker.run_once()
    publish(platform, tmp_path, {"fleet": {"inactivity_seconds": 240}})
    forged = newest(platform).model_copy(update=change)

    assert install_fleet_settings(kiosk.db, forged, kiosk.clock, paths) == reason
    assert install_fleet_settings(kiosk.db, forged, kiosk.clock, paths) == reason

    assert load_services(paths.data_dir).config.inactivity_seconds == 120
    assert audited(kiosk) == ["fleet_settings_installed", "fleet_settings_refused"]


def test_an_older_serial_is_never_installed_again(
    kiosk: Kiosk, platform: Platform, paths: DataPaths, tmp_path: Path
) -> None:
    publish(platform, tmp_path, {"fleet": {"inactivity_seconds": 120}})
    first = newest(platform)
    publish(platform, tmp_path, {"fleet": {"inactivity_seconds": 240}})
    assert kiosk.worker.run_once().fleet_settings == 2

    assert install_fleet_settings(kiosk.db, first, kiosk.clock, paths) == "rollback"
    assert load_services(paths.data_dir).config.inactivity_seconds == 240


def test_settings_this_kiosk_cannot_run_with_are_refused_there(
    kiosk: Kiosk, platform: Platform, paths: DataPaths, tmp_path: Path
) -> None:
    # Valid with the defaults (countdown 20 s), not with this kiosk.toml's 25 s countdown.
    assert publish(platform, tmp_path, {"fleet": {"inactivity_seconds": 22}})[0] == 0

    report = kiosk.worker.run_once()

    assert report.fleet_settings is None
    assert not (paths.data_dir / FLEET_SETTINGS_FILE).exists()
    assert load_services(paths.data_dir).config.inactivity_seconds == 60
    assert audited(kiosk) == ["fleet_settings_refused"]


def test_a_damaged_settings_file_leaves_the_kiosk_on_its_own_configuration(
    kiosk: Kiosk, platform: Platform, paths: DataPaths, tmp_path: Path
) -> None:
    publish(platform, tmp_path, {"fleet": {"inactivity_seconds": 120}})
    kiosk.worker.run_once()
    (paths.data_dir / FLEET_SETTINGS_FILE).write_text("{not json", encoding="utf-8")

    assert load_services(paths.data_dir).config.inactivity_seconds == 60
    publish(platform, tmp_path, {"fleet": {"inactivity_seconds": 240}})
    assert kiosk.worker.run_once().fleet_settings == 2, "the next settings replace it"
    assert load_services(paths.data_dir).config.inactivity_seconds == 240


def test_show_prints_the_newest_settings(platform: Platform, tmp_path: Path) -> None:
    argv = ["--database", platform.database.url, "--json", "fleet-settings", "show"]
    assert central_main(argv, clock=platform.clock) != 0, "nothing published yet"
    publish(platform, tmp_path, {"fleet": {"receipt_paper": "58mm"}})
    out = io.StringIO()
    with redirect_stdout(out):
        assert central_main(argv, clock=platform.clock) == 0
    shown = json.loads(out.getvalue())
    assert shown["serial"] == 1 and shown["settings"] == {"fleet": {"receipt_paper": "58mm"}}


def test_settings_travel_on_a_usb_stick_with_the_form_bundles(
    platform: Platform, tmp_path: Path
) -> None:
    offline = make_kiosk(tmp_path / "offline.db", platform.url)  # enrols, then no network
    enrol(offline.db, offline.client, platform.enrolment_code(KIOSK_CODE), offline.clock)
    data = DataPaths(tmp_path / "offline-data")
    stick = tmp_path / "forms.json"
    export = ["--database", platform.database.url, "export-forms", "--out", str(stick)]
    assert central_main(export, clock=platform.clock) == 0
    assert "fleet_settings" not in json.loads(stick.read_text()), "old kiosks still read it"
    assert publish(platform, tmp_path, {"fleet": {"confirmation_seconds": 120}})[0] == 0
    stick.unlink()
    assert central_main(export, clock=platform.clock) == 0

    report = import_form_bundles(offline.db, stick, offline.clock, data)

    assert report.fleet_settings == "installed"
    assert load_services(data.data_dir).config.confirmation_seconds == 120
    assert import_form_bundles(offline.db, stick, offline.clock, data).fleet_settings == (
        "unchanged"
    )
