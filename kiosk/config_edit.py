"""Changing a few settings in ``kiosk.toml`` from the kiosk itself.

The file is the installer's, with their comments, so a setting is changed in
place: its line (or the commented-out example line of an unset setting) is
replaced and every other line is kept. The result is checked with the same
loader the kiosk starts with before it replaces the file, so a value the
kiosk would refuse at its next start is never written.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path

from kiosk.config import KioskConfig, config_from_mapping, default_config_text
from kiosk.errors import ConfigError
from kiosk.private_files import private_file


def set_settings(path: Path, values: Mapping[str, str | None]) -> KioskConfig:
    """Write ``values`` (a string, or None to unset) into the file; return the new config."""
    text = path.read_text(encoding="utf-8") if path.exists() else default_config_text()
    for key, value in values.items():
        text = _with_setting(text, key, value)
    try:
        config = config_from_mapping(tomllib.loads(text))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError("", f"{path} would not be valid TOML: {exc}") from exc
    temporary = path.with_name(path.name + ".tmp")
    try:
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
    except OSError as exc:
        raise ConfigError("", f"cannot write {path}: {exc}") from exc
    return config


def keep_in_data_dir(data_dir: Path, name: str, content: bytes) -> Path:
    """Write a file into the data directory, whole or not at all, readable by the kiosk alone.

    A file a setting points to (a CA bundle) is copied here because the
    original may be on a USB stick that is taken away; fleet settings are
    kept here as they were signed.
    """
    copy = data_dir / name
    temporary = copy.with_name(copy.name + ".tmp")
    try:
        private_file(temporary).write_bytes(content)
        os.replace(temporary, copy)
    except OSError as exc:
        raise ConfigError("", f"cannot write {copy}: {exc}") from exc
    return copy


def _with_setting(text: str, key: str, value: str | None) -> str:
    """``text`` with the (possibly commented-out) line of ``key`` replaced, or added."""
    line = f"{key} = {_quoted(value)}" if value is not None else f"# {key} ="
    lines = text.split("\n")
    for index, existing in enumerate(lines):
        bare = existing.strip().removeprefix("#").strip()
        if bare.startswith(key) and bare[len(key) :].lstrip().startswith("="):
            lines[index] = line
            return "\n".join(lines)
    return text.rstrip("\n") + f"\n{line}\n"


def _quoted(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'
