"""The systemd unit that starts the kiosk at boot: it parses and says what README promises."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

UNIT = Path(__file__).resolve().parents[2] / "resources" / "systemd" / "township-kiosk.service"
DATA_DIR = "/var/lib/township-kiosk"


def _sections(text: str) -> dict[str, list[tuple[str, str]]]:
    """Section name → its (key, value) lines in order (systemd allows repeated keys)."""
    sections: dict[str, list[tuple[str, str]]] = {}
    current: list[tuple[str, str]] | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
            continue
        assert current is not None, f"a setting outside any section: {line!r}"
        key, separator, value = line.partition("=")
        assert separator, f"not a key=value line: {line!r}"
        current.append((key.strip(), value.strip()))
    return sections


def _value(entries: list[tuple[str, str]], key: str) -> str:
    values = [value for name, value in entries if name == key]
    assert len(values) == 1, f"{key} is set {len(values)} times"
    return values[0]


def test_the_unit_restarts_the_full_screen_kiosk_under_its_own_user() -> None:
    sections = _sections(UNIT.read_text(encoding="utf-8"))

    assert set(sections) == {"Unit", "Service", "Install"}
    service = sections["Service"]
    assert _value(service, "Restart") == "always"
    assert _value(service, "User") == "kiosk"
    assert _value(service, "StateDirectory") == Path(DATA_DIR).name
    command = _value(service, "ExecStart").split()
    assert command[0] == "/usr/bin/cage"
    kiosk_args = command[command.index("--") + 1 :]
    assert Path(kiosk_args[0]).name == "kiosk"
    assert kiosk_args[1:] == ["--data-dir", DATA_DIR]  # full screen: never --windowed
    assert _value(sections["Unit"], "StartLimitIntervalSec") == "0"
    assert _value(sections["Install"], "WantedBy") == "graphical.target"


def test_systemd_accepts_every_line_of_the_unit(tmp_path: Path) -> None:
    assert shutil.which("systemd-analyze"), "systemd-analyze is missing: ./setup.sh installs it"
    # verify also checks that the programs exist; cage is installed on kiosks only.
    true = shutil.which("true")
    assert true is not None
    copy = tmp_path / UNIT.name
    copy.write_text(UNIT.read_text(encoding="utf-8").replace("/usr/bin/cage", true))

    result = subprocess.run(
        ["systemd-analyze", "verify", str(copy)], capture_output=True, text=True, check=False
    )

    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == ""  # unknown keys and bad values are only warnings
