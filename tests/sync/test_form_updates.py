"""Form bundles: installed only when signed by the enrolment key, newer and valid."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from central import form_registry, signing
from central.form_registry import publish_file
from kiosk.catalogue import FormCatalogue
from kiosk.installed_forms import installed_forms, retired_keys
from sync.form_updates import FormUpdater
from sync.protocol import bundle_signed_bytes
from tests.central.platform import PENSION_FORM, Platform
from tests.sync.conftest import FORM, Kiosk


def updater(kiosk: Kiosk) -> FormUpdater:
    """The form updater of the kiosk."""
    return FormUpdater(kiosk.db, kiosk.client, kiosk.clock)


def publish_version(platform: Platform, tmp_path: Path, version: int, title: str) -> None:
    """Publish the pension form again under another version."""
    data = json.loads(PENSION_FORM.read_text(encoding="utf-8"))
    data["version"] = version
    data["title"]["en"] = title
    path = tmp_path / f"pension-v{version}.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    publish_file(platform.database, path, platform.key, platform.clock)


def tamper(platform: Platform, version: int, sql: str, params: list[object]) -> None:
    """Change a published row behind the administrator's back."""
    with platform.database.transaction() as connection:
        connection.execute(sql, [*params, FORM, version])


def test_published_forms_reach_the_kiosk_and_its_catalogue(
    kiosk: Kiosk, platform: Platform, tmp_path: Path
) -> None:
    report = kiosk.worker.run_once()
    assert (FORM, 1) in report.forms.installed
    publish_version(platform, tmp_path, 2, "Pension, second edition")
    assert updater(kiosk).update().installed == [(FORM, 2)]
    catalogue = FormCatalogue(installed_forms(kiosk.db))
    assert catalogue.newest(FORM).version == 2
    assert catalogue.get(FORM, 1).version == 1  # drafts finish on their version
    assert updater(kiosk).update().installed == []


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ("UPDATE forms SET signature = '' WHERE form_id = ? AND version = ?", "unsigned"),
        (
            "UPDATE forms SET definition ="
            " replace(definition, 'Pension, second', 'Pension, forged')"
            " WHERE form_id = ? AND version = ?",
            "bad_signature",
        ),
    ],
)
def test_unsigned_and_tampered_bundles_are_refused(
    kiosk: Kiosk, platform: Platform, tmp_path: Path, change: str, reason: str
) -> None:
    kiosk.worker.run_once()
    publish_version(platform, tmp_path, 2, "Pension, second edition")
    tamper(platform, 2, change, [])
    report = updater(kiosk).update()
    assert report.refused == [(FORM, 2, reason)]
    assert max(form.version for form in installed_forms(kiosk.db) if form.id == FORM) == 1
    audit = kiosk.db.execute(
        "SELECT details FROM audit WHERE action = 'form_bundle_refused'"
    ).fetchone()
    assert json.loads(audit[0])["reason_code"] == reason
    assert updater(kiosk).update().refused == []  # remembered, not refused every cycle


def test_a_bundle_signed_by_another_key_is_refused(
    kiosk: Kiosk, platform: Platform, tmp_path: Path
) -> None:
    kiosk.worker.run_once()
    publish_version(platform, tmp_path, 2, "Pension, second edition")
    other = signing.generate_key(tmp_path / "other.pem")
    with platform.database.transaction() as connection:
        definition = connection.query(
            "SELECT definition FROM forms WHERE form_id = ? AND version = 2", [FORM]
        )[0][0]
    forged = signing.sign(other, bundle_signed_bytes(FORM, 2, definition))
    tamper(
        platform, 2, "UPDATE forms SET signature = ? WHERE form_id = ? AND version = ?", [forged]
    )
    assert updater(kiosk).update().refused == [(FORM, 2, "bad_signature")]


def test_an_older_version_is_refused_as_a_rollback(
    kiosk: Kiosk, platform: Platform, tmp_path: Path
) -> None:
    with platform.database.transaction() as connection:
        connection.execute("DELETE FROM forms WHERE form_id = ?", [FORM])
    publish_version(platform, tmp_path, 3, "Pension, third edition")
    kiosk.worker.run_once()
    publish_version(platform, tmp_path, 2, "Pension, second edition")
    assert updater(kiosk).update().refused == [(FORM, 2, "rollback")]


def test_a_signed_but_invalid_definition_is_refused(
    kiosk: Kiosk, platform: Platform, tmp_path: Path
) -> None:
    kiosk.worker.run_once()
    definition = form_registry.canonical_definition({"id": FORM, "version": 2})
    signature = signing.sign(platform.key, bundle_signed_bytes(FORM, 2, definition))
    with platform.database.transaction() as connection:
        connection.execute(
            "INSERT INTO forms (form_id, version, definition, signature, sha256, published_at)"
            " VALUES (?, 2, ?, ?, ?, '2026-11-27T03:30:12.000000Z')",
            [FORM, definition, signature, "0" * 64],
        )
    assert updater(kiosk).update().refused == [(FORM, 2, "invalid")]


def test_retired_versions_are_marked_but_kept(kiosk: Kiosk, platform: Platform) -> None:
    kiosk.worker.run_once()
    with platform.database.transaction() as connection:
        form_registry.retire(connection, FORM, 1, platform.clock.now())
    assert updater(kiosk).update().retired == [(FORM, 1)]
    assert (FORM, 1) in retired_keys(kiosk.db)
    assert FORM not in {f.id for f in installed_forms(kiosk.db, include_retired=False)}
    assert FORM in {f.id for f in installed_forms(kiosk.db)}
