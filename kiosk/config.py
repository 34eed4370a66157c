"""The kiosk's configuration, declared once, and where its files live.

:class:`KioskConfig` is the single declaration of every setting: its type,
its default and its documentation (the ``doc`` metadata of each field). The
TOML loader, the commented default file and the validation all derive from
it, so a new setting is added in exactly one place.

Values are checked when a :class:`KioskConfig` is built, whether from a file
or in code, and a bad value raises :class:`ConfigError` naming the key and
the problem, so the person installing the kiosk can fix the file.
"""

from __future__ import annotations

import json
import os
import re
import textwrap
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any, get_type_hints

from kiosk.central_address import central_url_problem
from kiosk.errors import ConfigError
from kiosk.kiosk_code import is_valid_kiosk_code
from kiosk.private_files import private_directory, private_file

APP_NAME = "township-kiosk"
"""Directory name used by :func:`default_data_dir` on every platform."""

_LANGUAGE = re.compile(r"[a-z]{2,3}(_[A-Z]{2}|_[A-Z][a-z]{3})?")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_RESOLUTION = re.compile(r"(\d{3,4})x(\d{3,4})")


def _setting(
    default: Any,
    doc: str,
    example: str = "",
    bounds: tuple[int, int] | None = None,
    also: str = "",
) -> Any:
    """Declare a setting with its default and the text shown in the config file.

    ``example`` is shown, commented out, for a setting whose default is unset.
    ``bounds`` are the lowest and highest whole number allowed: checked when a
    config is built, and written where the doc says ``{bounds}`` (with ``also``,
    a rule between settings, after them), so the two can never disagree.
    """
    if bounds is not None:
        low, high = bounds
        doc = doc.format(bounds=f"({low} to {high}{', ' + also if also else ''})")
    metadata = {"doc": doc, "example": example, "bounds": bounds}
    if isinstance(default, dict):
        frozen = MappingProxyType(dict(default))
        return field(default_factory=lambda: frozen, metadata=metadata)
    return field(default=default, metadata=metadata)


@dataclass(frozen=True)
class KioskConfig:
    """Everything that differs from one kiosk to another.

    Each field's ``doc`` metadata explains the setting; the same text is
    written as a comment into the default configuration file.
    """

    kiosk_code: str = _setting(
        "DEMO01",
        "This kiosk's code: 2 to 8 upper-case letters or digits, assigned at enrolment"
        " and unique in the province. It starts every tracking number this kiosk"
        " issues, so two kiosks must never share one.",
    )
    township: Mapping[str, str] = _setting(
        {"zh_CN": "龙泉镇", "en": "Longquan Township"},
        "The township's name in each language, shown on the start screen and printed"
        " on receipts. Needs a name for every language in `languages`.",
    )
    languages: tuple[str, ...] = _setting(
        ("zh_CN", "en"),
        "Languages offered on the start screen, in the order shown (codes such as"
        " zh_CN, en, ug, bo).",
    )
    default_language: str = _setting(
        "zh_CN",
        "The language the kiosk returns to after every reset; one of `languages`.",
    )
    inactivity_seconds: int = _setting(
        90,
        "Seconds without a touch before the kiosk starts the reset countdown, so the"
        " next person never sees the previous person's data {bounds}.",
        bounds=(15, 3_600),
    )
    countdown_seconds: int = _setting(
        20,
        "Length of the visible 'are you still there?' countdown before the reset {bounds}.",
        bounds=(5, 120),
        also="and shorter than inactivity_seconds",
    )
    confirmation_seconds: int = _setting(
        90,
        "How long the 'submitted' screen with the tracking number stays before the"
        " kiosk returns to the start, counted again from every touch {bounds}: time to"
        " copy the number down and read the documents to bring.",
        bounds=(90, 600),
    )
    printer: str = _setting(
        "pdf",
        "Where receipts are printed: `cups` (a CUPS queue: office or thermal printer with a"
        " CUPS driver), `escpos` (a thermal printer spoken to directly, see"
        " printer_device) or `pdf` (no printer: receipts are saved as PDF files in the"
        " data directory's `receipts` folder).",
    )
    printer_queue: str | None = _setting(
        None,
        "The CUPS queue receipts go to when printer = `cups`. Leave unset to use the"
        " system's default printer.",
        example="Receipts",
    )
    printer_device: str | None = _setting(
        None,
        "How to reach an ESC/POS printer when printer = `escpos`:"
        " `usb:VENDOR:PRODUCT` (hexadecimal ids, as `lsusb` shows them),"
        " `tcp:HOST` or `tcp:HOST:PORT` (port 9100 by default), or `file:/dev/usb/lp0`.",
        example="usb:0416:5011",
    )
    receipt_paper: str = _setting(
        "80mm",
        "The paper receipts are laid out for: `58mm` or `80mm` thermal roll, or `a4`.",
    )
    print_retry_seconds: int = _setting(
        30,
        "While receipts wait for a printer (out of paper, cover open, offline), how often"
        " the kiosk tries again {bounds}.",
        bounds=(5, 600),
    )
    camera: str = _setting(
        "",
        "The camera used to scan ID QR codes: part of its name (as the system lists it)"
        " or its id. Leave empty for the system's default camera. A kiosk without a"
        " camera offers the hand-held scanner and the keypad instead.",
    )
    camera_resolution: str = _setting(
        "640x480",
        "The camera resolution asked for, WIDTHxHEIGHT; the closest the camera offers is"
        " used. 640x480 reads ID codes well and keeps decoding fast.",
    )
    scan_hint_seconds: int = _setting(
        6,
        "Seconds without a readable code before the scanning view suggests holding the"
        " card closer or avoiding glare {bounds}.",
        bounds=(2, 60),
    )
    disk_warn_mb: int = _setting(
        500,
        "Free disk space (MB) below which the clerk is warned {bounds}.",
        bounds=(50, 100_000),
    )
    disk_refuse_mb: int = _setting(
        100,
        "Free disk space (MB) below which new applications are refused with a message,"
        " so that a submit never fails for want of space {bounds}.",
        bounds=(20, 10_000),
        also="and less than disk_warn_mb",
    )
    sync_warn_hours: int = _setting(
        72,
        "Hours without a successful sync after which the clerk is warned {bounds}.",
        bounds=(1, 2_160),
    )
    central_url: str | None = _setting(
        None,
        "Address of the central platform: https://, or http:// only to this machine"
        " (127.0.0.1, ::1, localhost). Leave unset for a kiosk that only transfers by USB.",
        example="https://central.example.org/",
    )
    central_ca_bundle: str | None = _setting(
        None,
        "A PEM file of the certificate authorities to trust for the central platform,"
        " when it uses a private CA. Leave unset to trust the system's; the certificate"
        " is always verified.",
        example="/etc/township-kiosk/central-ca.pem",
    )
    applications_before_enrolment: bool = _setting(
        True,
        "Whether the start screen takes applications before the kiosk is enrolled with"
        " the central platform. One taken before carries the default kiosk code, which the"
        " platform never accepts, so an installed kiosk starts with false: until an"
        " administrator enrols it, its start screen asks people to see the staff. True"
        " suits a demonstration or a kiosk that is never enrolled.",
    )
    retention_days: int = _setting(
        30,
        "Days an application's personal data (answers, receipt PDFs) stays on the kiosk"
        " after the central platform acknowledged it; then it is erased and only"
        " anonymous counts are kept {bounds}. Unacknowledged applications are never"
        " erased.",
        bounds=(1, 3_650),
    )

    usb_mount_patterns: tuple[str, ...] = _setting(
        ("/media/*/*", "/run/media/*/*"),
        'Where the clerk screen\'s "Export to USB" looks for a mounted USB stick'
        " (shell patterns, tried in order; the first writable folder found is used).",
    )

    def __post_init__(self) -> None:
        """Refuse values the kiosk cannot work with, naming the setting."""
        for setting in fields(self):
            if setting.metadata["bounds"] is not None:
                _check_range(setting.name, getattr(self, setting.name), *setting.metadata["bounds"])
        _check_kiosk_code(self.kiosk_code)
        _check_languages(self.languages, self.default_language)
        _check_township(self.township, self.languages)
        if self.countdown_seconds >= self.inactivity_seconds:
            raise ConfigError("countdown_seconds", "must be shorter than inactivity_seconds")
        _check_printer(self.printer, self.printer_device, self.receipt_paper)
        _check_resolution(self.camera_resolution)
        _check_url(self.central_url)
        if self.disk_refuse_mb >= self.disk_warn_mb:
            raise ConfigError("disk_refuse_mb", "must be less than disk_warn_mb")


RECEIPTS_SUBDIR = "receipts"
"""Where the PDF printer saves receipts, under the kiosk's data directory."""


@dataclass(frozen=True)
class DataPaths:
    """Where the kiosk keeps its files under one data directory.

    Building one creates the directory and its ``logs`` folder, so every
    path it hands out can be written to at once.
    """

    data_dir: Path

    def __post_init__(self) -> None:
        private_directory(self.data_dir)
        private_directory(self.logs)

    @property
    def database(self) -> Path:
        """The SQLite database holding forms, applications, outbox and audit."""
        return self.data_dir / "kiosk.db"

    @property
    def config(self) -> Path:
        """The TOML configuration file (see :class:`KioskConfig`)."""
        return self.data_dir / "kiosk.toml"

    @property
    def logs(self) -> Path:
        """The folder for log files the clerk or support can collect."""
        return self.data_dir / "logs"

    @property
    def receipts(self) -> Path:
        """Where the PDF printer saves receipts; erased with the rest by the retention rule."""
        return self.data_dir / RECEIPTS_SUBDIR


def default_data_dir() -> Path:
    """The platform's per-user data directory for the kiosk (not created here)."""
    import platformdirs  # only needed without --data-dir; kept off the start-up path

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def load_config(path: Path) -> KioskConfig:
    """Read the configuration file, writing a commented default one if it is missing.

    Settings left out of the file keep their defaults. Unknown keys are
    refused, because a misspelt setting silently ignored is worse than a
    clear error at start-up.
    """
    if not path.exists():
        write_default_config(path)
        return KioskConfig()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError("", f"cannot read {path}: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError("", f"{path} is not valid TOML: {exc}") from exc
    return config_from_mapping(data)


def config_from_mapping(data: Mapping[str, Any]) -> KioskConfig:
    """Build a config from parsed TOML, checking each value's type and range."""
    return overridden(KioskConfig(), data)


def overridden(config: KioskConfig, values: Mapping[str, Any]) -> KioskConfig:
    """``config`` with some settings replaced, each checked as if read from the file."""
    hints = get_type_hints(KioskConfig)
    known = {setting.name for setting in fields(KioskConfig)}
    for key in values:
        if key not in known:
            raise ConfigError(key, "unknown setting")
    changes: dict[str, Any] = {
        key: _coerce(key, value, hints[key]) for key, value in values.items()
    }
    return replace(config, **changes)


INSTALLED_SETTINGS: Mapping[str, object] = MappingProxyType(
    {"applications_before_enrolment": False}
)
"""Where the first ``kiosk.toml`` of a kiosk installed from the package differs from the
defaults (the defaults suit tests and demonstrations)."""


def write_installed_config(path: Path) -> None:
    """Write an installed kiosk's first configuration, unless it has one already
    (the package's install step calls this, as the kiosk user)."""
    if not path.exists():
        write_default_config(path, INSTALLED_SETTINGS)


def write_default_config(path: Path, changes: Mapping[str, object] | None = None) -> None:
    """Write the default configuration (with `changes`), each setting preceded by its
    documentation.

    Written to a temporary file (mode 0600) and renamed, so a power cut never
    leaves a half-written configuration behind.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = private_file(path.with_name(path.name + ".tmp"))
        temporary.write_text(default_config_text(changes), encoding="utf-8")
        os.replace(temporary, path)
    except OSError as exc:
        raise ConfigError("", f"cannot write the default configuration {path}: {exc}") from exc


def default_config_text(changes: Mapping[str, object] | None = None) -> str:
    """The commented default configuration file, generated from :class:`KioskConfig`
    (with `changes`, checked as if read from the file)."""
    defaults = overridden(KioskConfig(), changes or {})
    parts = [
        "# Township service kiosk configuration.",
        "# Each setting shows its default. Edit a value and restart the kiosk.",
    ]
    for setting in fields(KioskConfig):
        doc = textwrap.fill(str(setting.metadata["doc"]), width=78)
        parts.append("")
        parts.extend(f"# {line}" for line in doc.splitlines())
        value = getattr(defaults, setting.name)
        if value is None:
            parts.append(f"# {setting.name} = {_toml_value(setting.metadata['example'])}")
        else:
            parts.append(f"{setting.name} = {_toml_value(value)}")
    return "\n".join(parts) + "\n"


def _toml_value(value: object) -> str:
    """Render a default as TOML; JSON strings are valid TOML basic strings."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    if isinstance(value, Mapping):
        items = (f"{_toml_key(str(k))} = {_toml_value(v)}" for k, v in value.items())
        return "{ " + ", ".join(items) + " }"
    raise TypeError(f"no TOML form for {value!r}")


def _toml_key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else json.dumps(key, ensure_ascii=False)


def _coerce(key: str, value: object, hint: object) -> object:
    """Check a TOML value against the setting's declared type and convert it."""
    if hint is str:
        return _require_str(key, value)
    if hint is bool:
        if not isinstance(value, bool):
            raise ConfigError(key, f"must be true or false, not {value!r}")
        return value
    if hint is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(key, f"must be a whole number, not {value!r}")
        return value
    if hint == str | None:
        return _require_str(key, value)
    if hint == tuple[str, ...]:
        if not isinstance(value, list):
            raise ConfigError(key, f"must be a list of strings, not {value!r}")
        return tuple(_require_str(f"{key}[{index}]", item) for index, item in enumerate(value))
    if hint == Mapping[str, str]:
        if not isinstance(value, dict):
            raise ConfigError(key, f"must be a table of strings, not {value!r}")
        return MappingProxyType(
            {str(name): _require_str(f"{key}.{name}", item) for name, item in value.items()}
        )
    raise TypeError(f"setting {key} has a type the loader does not know: {hint!r}")


def _require_str(key: str, value: object) -> str:
    if not isinstance(value, str):
        raise ConfigError(key, f"must be a string, not {value!r}")
    return value


def _check_kiosk_code(code: str) -> None:
    if not is_valid_kiosk_code(code):
        raise ConfigError("kiosk_code", f"{code!r} is not 2 to 8 upper-case letters or digits")


def _check_languages(languages: tuple[str, ...], default_language: str) -> None:
    if not languages:
        raise ConfigError("languages", "must list at least one language")
    for language in languages:
        if not _LANGUAGE.fullmatch(language):
            raise ConfigError("languages", f"{language!r} is not a language code like zh_CN or en")
    if len(set(languages)) != len(languages):
        raise ConfigError("languages", "lists a language twice")
    if default_language not in languages:
        raise ConfigError("default_language", f"{default_language!r} is not one of `languages`")


def _check_township(township: Mapping[str, str], languages: tuple[str, ...]) -> None:
    for language in languages:
        if not township.get(language, "").strip():
            raise ConfigError(f"township.{language}", "the township needs a name in this language")


def _check_range(key: str, value: int, low: int, high: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ConfigError(key, f"must be a whole number, not {value!r}")
    if not low <= value <= high:
        raise ConfigError(key, f"must be between {low} and {high}, not {value}")


def _check_resolution(resolution: str) -> None:
    match = _RESOLUTION.fullmatch(resolution)
    if match is None or not (160 <= int(match[1]) <= 3840 and 120 <= int(match[2]) <= 2160):
        raise ConfigError("camera_resolution", f"{resolution!r} is not WIDTHxHEIGHT, like 640x480")


def camera_size(config: KioskConfig) -> tuple[int, int]:
    """The configured camera resolution as (width, height)."""
    width, height = config.camera_resolution.split("x")
    return int(width), int(height)


def _check_url(url: str | None) -> None:
    problem = None if url is None else central_url_problem(url)
    if problem is not None:
        raise ConfigError("central_url", problem)


_PRINTERS = ("cups", "escpos", "pdf")
_PAPERS = ("58mm", "80mm", "a4")
_PRINTER_DEVICE = re.compile(
    r"usb:[0-9a-fA-F]{4}:[0-9a-fA-F]{4}|tcp:[A-Za-z0-9.-]+(:[0-9]{1,5})?|file:/\S+"
)


def _check_printer(printer: str, device: str | None, paper: str) -> None:
    if printer not in _PRINTERS:
        raise ConfigError("printer", f"{printer!r} is not one of {', '.join(_PRINTERS)}")
    if paper not in _PAPERS:
        raise ConfigError("receipt_paper", f"{paper!r} is not one of {', '.join(_PAPERS)}")
    if device is not None and not _PRINTER_DEVICE.fullmatch(device):
        raise ConfigError(
            "printer_device", f"{device!r} is not usb:VENDOR:PRODUCT, tcp:HOST[:PORT] or file:PATH"
        )
    if printer == "escpos":
        if device is None:
            raise ConfigError("printer_device", "is needed when printer = `escpos`")
        if paper == "a4":
            raise ConfigError("receipt_paper", "an ESC/POS printer takes 58mm or 80mm rolls")
