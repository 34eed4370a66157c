"""Fetching newer form bundles and installing only those the administrator signed.

A bundle is installed only when all of these hold, else it is refused with a
logged, audited reason and never used:

- it carries a signature (``unsigned``) that verifies under the key received
  at enrolment (``bad_signature``: tampered in transit or signed by another key);
- its version is newer than every installed version of that form
  (``rollback``: an attacker or a confused server replaying an old form);
- the definition parses with the kiosk's own form loader and names the same
  id and version as the bundle (``invalid``).

A refused bundle is remembered by its digest so it is not fetched and
refused again every cycle; a corrected bundle has a new digest.
"""

from __future__ import annotations

import base64
import binascii
import logging
from dataclasses import dataclass, field

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlite_utils import Database

from kiosk import audit
from kiosk.clock import Clock, format_timestamp
from kiosk.forms import FormDefinitionError, parse_form
from kiosk.forms.loader import decode_form_json
from kiosk.forms.model import MAX_FORM_VERSION
from kiosk.store import transaction
from sync import sync_settings
from sync.client import CentralClient
from sync.protocol import FormBundle, FormBundleSummary, bundle_signed_bytes

log = logging.getLogger(__name__)


class BundleRefused(Exception):
    """A bundle failed verification; ``reason_code`` is stable, the message says more."""

    def __init__(self, reason_code: str, message: str) -> None:
        super().__init__(message)
        self.reason_code = reason_code


@dataclass(frozen=True)
class FormUpdateReport:
    """Versions installed, refused (with reason codes) and newly marked retired."""

    installed: list[tuple[str, int]] = field(default_factory=list)
    refused: list[tuple[str, int, str]] = field(default_factory=list)
    retired: list[tuple[str, int]] = field(default_factory=list)


def verify_bundle(bundle: FormBundle, public_key: str, newest_installed: int | None) -> None:
    """Raise :class:`BundleRefused` unless the bundle may be installed."""
    if not bundle.signature.strip():
        raise BundleRefused("unsigned", "the bundle carries no signature")
    try:
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_key, validate=True))
        signature = base64.b64decode(bundle.signature, validate=True)
        key.verify(
            signature, bundle_signed_bytes(bundle.form_id, bundle.version, bundle.definition)
        )
    except (InvalidSignature, ValueError, binascii.Error) as error:
        raise BundleRefused(
            "bad_signature", "the signature does not verify under the enrolment key"
        ) from error
    if newest_installed is not None and bundle.version <= newest_installed:
        raise BundleRefused(
            "rollback",
            f"version {bundle.version} is not newer than installed version {newest_installed}",
        )
    source = f"bundle {bundle.form_id} v{bundle.version}"
    try:
        form = parse_form(decode_form_json(bundle.definition, source), source)
    except FormDefinitionError as error:
        raise BundleRefused("invalid", f"the definition is invalid: {error}") from error
    if (form.id, form.version) != (bundle.form_id, bundle.version):
        raise BundleRefused(
            "invalid", f"the definition is {form.id} v{form.version}, not what the bundle names"
        )


@dataclass
class FormUpdater:
    """Brings the kiosk's installed forms up to what the centre publishes."""

    db: Database
    client: CentralClient
    clock: Clock

    def update(self) -> FormUpdateReport:
        """Install newer signed versions, mark retired ones; network errors propagate."""
        enrolment = sync_settings.enrolment(self.db)
        if enrolment is None:
            return FormUpdateReport()
        report = FormUpdateReport()
        listed = sorted(self.client.forms().bundles, key=lambda s: (s.form_id, s.version))
        installed = self._installed()
        for summary in listed:
            key = (summary.form_id, summary.version)
            if key in installed:
                if summary.retired and self._mark_retired(summary):
                    report.retired.append(key)
                continue
            if summary.retired or self._already_refused(summary):
                continue
            self._install_one(summary, enrolment.signing_public_key, report)
        return report

    def install_bundle(self, bundle: FormBundle, public_key: str) -> None:
        """Verify and install one bundle (from the network or a USB stick)."""
        verify_bundle(bundle, public_key, self._newest(bundle.form_id))
        now = format_timestamp(self.clock.now())
        with transaction(self.db):
            self.db.execute(
                "INSERT INTO installed_forms (form_id, version, definition, signature,"
                " installed_at) VALUES (?, ?, ?, ?, ?)",
                [bundle.form_id, bundle.version, bundle.definition, bundle.signature, now],
            )
            self._audit("form_installed", bundle.form_id, bundle.version, None)
        log.info("installed form %s version %d", bundle.form_id, bundle.version)

    def _install_one(
        self, summary: FormBundleSummary, public_key: str, report: FormUpdateReport
    ) -> None:
        if not 1 <= summary.version <= MAX_FORM_VERSION:  # never asked for: the API refuses it
            log.warning(
                "form %s version %d is outside 1..%d, not installed",
                summary.form_id,
                summary.version,
                MAX_FORM_VERSION,
            )
            self._remember_refusal(summary, "version_out_of_bounds")
            report.refused.append((summary.form_id, summary.version, "version_out_of_bounds"))
            return
        bundle = self.client.form(summary.form_id, summary.version)
        try:
            self.install_bundle(bundle, public_key)
        except BundleRefused as refusal:
            log.warning(
                "refused form bundle %s version %d (%s): %s",
                bundle.form_id,
                bundle.version,
                refusal.reason_code,
                refusal,
            )
            self._remember_refusal(summary, refusal.reason_code)
            report.refused.append((bundle.form_id, bundle.version, refusal.reason_code))
            return
        report.installed.append((bundle.form_id, bundle.version))

    def _installed(self) -> set[tuple[str, int]]:
        rows = self.db.execute("SELECT form_id, version FROM installed_forms").fetchall()
        return {(str(f), int(v)) for f, v in rows}

    def _newest(self, form_id: str) -> int | None:
        row = self.db.execute(
            "SELECT MAX(version) FROM installed_forms WHERE form_id = ?", [form_id]
        ).fetchone()
        return None if row is None or row[0] is None else int(row[0])

    def _mark_retired(self, summary: FormBundleSummary) -> bool:
        with transaction(self.db):
            changed = self.db.execute(
                "UPDATE installed_forms SET retired_at = ? WHERE form_id = ? AND version = ?"
                " AND retired_at IS NULL",
                [format_timestamp(self.clock.now()), summary.form_id, summary.version],
            ).rowcount
            if changed:
                self._audit("form_retired", summary.form_id, summary.version, None)
        return bool(changed)

    def _refusal_key(self, summary: FormBundleSummary) -> str:
        return f"sync.refused_bundle.{summary.form_id}.{summary.version}"

    def _already_refused(self, summary: FormBundleSummary) -> bool:
        return sync_settings.read(self.db, self._refusal_key(summary)) == summary.sha256

    def _remember_refusal(self, summary: FormBundleSummary, reason_code: str) -> None:
        with transaction(self.db):
            sync_settings.write(self.db, self._refusal_key(summary), summary.sha256)
            self._audit("form_bundle_refused", summary.form_id, summary.version, reason_code)

    def _audit(self, action: str, form_id: str, version: int, reason_code: str | None) -> None:
        details: dict[str, str | int | None] = {"form_id": form_id, "form_version": version}
        if reason_code is not None:
            details["reason_code"] = reason_code
        audit.append(
            self.db,
            action=action,
            subject=form_id,
            actor="kiosk",
            details=details,
            clock=self.clock,
        )
