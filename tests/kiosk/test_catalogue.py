"""The catalogue of form versions: newest for new applications, exact for drafts."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from kiosk.catalogue import FormCatalogue
from kiosk.forms import parse_form
from resources import FORMS_DIR


def test_installed_versions_become_newest_and_older_ones_stay_for_drafts() -> None:
    data = json.loads((FORMS_DIR / "rural-pension-enrolment.json").read_text(encoding="utf-8"))
    shipped = parse_form(data, "shipped")
    catalogue = FormCatalogue([shipped])
    newer = parse_form({**data, "version": shipped.version + 1}, "bundle")

    catalogue.add([newer, replace(shipped, title=newer.title)])

    assert catalogue.newest(shipped.id) is newer
    assert catalogue.get(shipped.id, shipped.version) is shipped  # a known key is kept as is
    assert [form.version for form in catalogue.services()] == [newer.version]
    assert catalogue.title(shipped.id, newer.version, "en") == newer.title.get("en")
    assert catalogue.title("no-such-form", 1, "en") == "no-such-form"


def test_a_retired_version_is_not_offered_but_still_found_for_drafts() -> None:
    data = json.loads((FORMS_DIR / "minimum-living-allowance.json").read_text(encoding="utf-8"))
    form = parse_form(data, "shipped")
    catalogue = FormCatalogue([form])

    catalogue.retire([form.key])

    assert catalogue.services() == []
    assert catalogue.get(form.id, form.version) is form
    with pytest.raises(KeyError):
        catalogue.newest(form.id)
