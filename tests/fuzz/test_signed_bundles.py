"""Signed form bundles: damaged or forged ones are refused with a reason, never installed.

The kiosk installs a form only if the administrator's key signed exactly
that definition. Whatever reaches it instead, from the network or a USB
stick, ends in a stable reason code, not an exception, and the installed
forms stay as they were.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from central import signing
from central.usb_import import export_form_bundles
from sync.form_updates import BundleRefused, verify_bundle
from sync.protocol import FormBundle, UsbFormBundles, bundle_signed_bytes
from sync.usb_transfer import UsbTransferError, import_form_bundles
from tests.fuzz.byte_mutations import damaged
from tests.fuzz.conftest import UsbSetting
from tests.fuzz.mutations import mutated
from tests.fuzz.profile import examples

REASONS = {"unsigned", "bad_signature", "rollback", "invalid"}


def originals(setting: UsbSetting) -> list[FormBundle]:
    """The bundles the platform really published (and signed)."""
    return export_form_bundles(setting.platform.database).bundles


def signed_content(bundle: FormBundle) -> tuple[str, int, str]:
    """What the signature covers."""
    return (bundle.form_id, bundle.version, bundle.definition)


def verdict(bundle: FormBundle, public_key: str) -> str | None:
    """The reason code a bundle is refused with, or None if it may be installed."""
    try:
        verify_bundle(bundle, public_key, None)
    except BundleRefused as refusal:
        assert str(refusal)
        return refusal.reason_code
    return None


@examples(120)
@given(st.data())
def test_damaged_bundles_are_refused_unless_the_signed_content_is_intact(
    usb_setting: UsbSetting, data: st.DataObject
) -> None:
    published = originals(usb_setting)
    original = data.draw(st.sampled_from(published))
    raw = data.draw(damaged(original.model_dump_json().encode()))
    try:
        bundle = FormBundle.model_validate_json(raw)
    except ValidationError:
        return
    reason = verdict(bundle, signing.public_key_text(usb_setting.platform.key))
    assert reason in REASONS or signed_content(bundle) in map(signed_content, published)


@examples(60)
@given(st.data())
def test_signed_but_mutated_definitions_install_only_if_they_are_valid_forms(
    usb_setting: UsbSetting, data: st.DataObject
) -> None:
    """An administrator's key on a broken form: refused as invalid, never an exception."""
    original = data.draw(st.sampled_from(originals(usb_setting)))
    document: Any = data.draw(mutated(json.loads(original.definition), 3))
    definition = json.dumps(document, ensure_ascii=False)
    key = usb_setting.platform.key
    signed = original.model_copy(
        update={
            "definition": definition,
            "signature": signing.sign(
                key, bundle_signed_bytes(original.form_id, original.version, definition)
            ),
        }
    )
    assert verdict(signed, signing.public_key_text(key)) in {None, "invalid"}


@examples(60)
@given(st.data())
def test_damaged_usb_bundle_files_install_nothing_unsigned(
    usb_setting: UsbSetting, tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    published = originals(usb_setting)
    raw = data.draw(damaged(UsbFormBundles(bundles=published).model_dump_json().encode()))
    path = tmp_path_factory.mktemp("bundles") / "forms.kioskforms"
    path.write_bytes(raw)
    db = usb_setting.kiosk.db
    try:
        report = import_form_bundles(db, path, usb_setting.kiosk.clock)
    except UsbTransferError as refusal:
        assert path.name in str(refusal)
        return
    assert {reason for _, _, reason in report.refused} <= REASONS
    rows = db.execute("SELECT form_id, version, definition FROM installed_forms").fetchall()
    assert {tuple(row) for row in rows} <= set(map(signed_content, published))
