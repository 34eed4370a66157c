"""`kiosk.forms` names its whole public surface but loads each module on first use."""

from __future__ import annotations

import subprocess
import sys

import pytest

import kiosk.forms


def test_importing_the_package_loads_none_of_its_modules() -> None:
    probe = "import sys, kiosk.forms; print(*[m for m in sys.modules if m.startswith('kiosk.')])"
    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.split()

    assert loaded == ["kiosk.forms"]


@pytest.mark.parametrize("name", kiosk.forms.__all__)
def test_every_public_name_comes_from_the_module_it_is_listed_under(name: str) -> None:
    value = getattr(kiosk.forms, name)

    module = kiosk.forms._MODULE_OF[name]
    assert value is getattr(sys.modules[module], name)


def test_the_public_names_and_their_modules_agree() -> None:
    assert sorted(kiosk.forms._MODULE_OF) == sorted(kiosk.forms.__all__)
    assert sorted(dir(kiosk.forms)) == sorted(kiosk.forms.__all__)


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        kiosk.forms.no_such_name  # noqa: B018
