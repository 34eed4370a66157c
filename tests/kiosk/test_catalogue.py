"""The catalogue of form versions: newest for new applications, exact for drafts."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

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


def _forms_dir_with_a_refused_form(tmp_path: Path) -> Path:
    """Two shipped forms, a copy of one that the full check refuses (a key no form
    has), and a file that is not JSON at all."""
    forms = tmp_path / "forms"
    forms.mkdir()
    for name in ("rural-pension-enrolment.json", "minimum-living-allowance.json"):
        shutil.copy(FORMS_DIR / name, forms / name)
    data = json.loads((FORMS_DIR / "minimum-living-allowance.json").read_text(encoding="utf-8"))
    refused = {**data, "id": "refused-service", "colour": "red"}
    (forms / "refused.json").write_text(json.dumps(refused), encoding="utf-8")
    (forms / "broken.json").write_text("{not json", encoding="utf-8")
    return forms


def test_an_on_demand_catalogue_titles_the_tiles_before_checking_its_forms(
    tmp_path: Path,
) -> None:
    forms = _forms_dir_with_a_refused_form(tmp_path)
    catalogue = FormCatalogue.on_demand(forms)

    titles = catalogue.service_titles()  # the files' titles, unchecked

    assert [title.id for title in titles] == [
        "minimum-living-allowance",
        "refused-service",
        "rural-pension-enrolment",
    ]
    assert titles[0].title == FormCatalogue.load(forms).newest(titles[0].id).title

    refused = {problem.source for problem in catalogue.problems}  # checks the forms
    assert refused == {"refused.json", "broken.json"}
    assert [title.id for title in catalogue.service_titles()] == [
        "minimum-living-allowance",
        "rural-pension-enrolment",
    ]


def test_an_on_demand_catalogue_offers_what_a_loaded_one_offers(tmp_path: Path) -> None:
    forms = _forms_dir_with_a_refused_form(tmp_path)
    loaded, on_demand = FormCatalogue.load(forms), FormCatalogue.on_demand(forms)
    retired = loaded.newest("minimum-living-allowance").key
    loaded.retire([retired])
    on_demand.retire([retired])  # before its forms are read

    assert [title.id for title in on_demand.service_titles()] == [
        "refused-service",
        *(title.id for title in loaded.service_titles()),
    ]
    assert on_demand.services() == loaded.services()
    assert on_demand.service_titles() == loaded.service_titles()
    assert on_demand.problems == loaded.problems


def test_forms_added_to_an_on_demand_catalogue_join_the_files_it_had_not_read(
    tmp_path: Path,
) -> None:
    forms = _forms_dir_with_a_refused_form(tmp_path)
    shipped = FormCatalogue.load(forms).newest("rural-pension-enrolment")
    newer = replace(shipped, version=shipped.version + 1)
    catalogue = FormCatalogue.on_demand(forms)

    catalogue.add([newer, replace(shipped, title=newer.title)])

    assert catalogue.newest(shipped.id) is newer
    assert catalogue.get(shipped.id, shipped.version) == shipped  # the file's version is kept
