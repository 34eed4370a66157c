"""Enrolling a kiosk from its own screen: the address, the code, the CA, the settings.

:func:`sync.enrolment.enrol` exchanges a code for a credential; this module
is everything around it that the installer used to do by hand: it checks the
central address (https, or http to this machine only), reads the console's
enrolment QR code or a typed code, keeps a copy of a CA file chosen on a USB
stick (the stick is taken away afterwards), writes ``central_url`` and
``central_ca_bundle`` into ``kiosk.toml`` and audits that change. Every
failure becomes an :class:`EnrolmentFailed` naming one
:class:`EnrolmentProblem`, which the screen turns into plain words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from urllib.parse import urlsplit

import requests
from pydantic import ValidationError
from sqlite_utils import Database

from kiosk import audit
from kiosk.central_address import central_url_problem
from kiosk.clock import Clock
from kiosk.config import DataPaths
from kiosk.config_audit import record_config_change
from kiosk.config_edit import keep_in_data_dir, set_settings
from kiosk.errors import ConfigError
from kiosk.store import transaction
from sync import sync_settings
from sync.client import CentralClient, CentralRefused, CentralUnavailable, Timeouts
from sync.enrolment import enrol
from sync.protocol import ENROLMENT_QR_FORMAT, EnrolmentInvitation
from sync.sync_settings import Enrolment
from sync.transport import RequestsTransport, Transport

CA_COPY_NAME = "central-ca.pem"
"""The kiosk's own copy of the chosen CA file, in its data directory."""

_CODE = re.compile(r"[A-Za-z0-9-]{8,64}")
_PEM_BEGIN = b"-----BEGIN CERTIFICATE-----"
_CA_FILE_LIMIT = 1_000_000
"""Bytes read from a file on a stick to decide whether it holds certificates."""


class EnrolmentProblem(StrEnum):
    """Why enrolment did not happen, one reason per thing the installer can fix."""

    ADDRESS_NOT_SECURE = "address_not_secure"
    """Plain http to another machine: codes and credentials would travel unprotected."""
    ADDRESS_INVALID = "address_invalid"
    """Not an http(s) address at all."""
    ADDRESS_WRONG = "address_wrong"
    """Something answered, or the name did not resolve, but it is not a central platform."""
    CODE_INVALID = "code_invalid"
    """The typed or scanned text is not an enrolment code."""
    CODE_REFUSED = "code_refused"
    """The platform does not know the code, or it was used or expired."""
    KIOSK_REVOKED = "kiosk_revoked"
    """The kiosk the code was made for has been revoked."""
    CENTRAL_NOT_SET_UP = "central_not_set_up"
    """The platform answers but has no signing key yet: its administrator must make one."""
    NO_NETWORK = "no_network"
    """The platform could not be reached."""
    CERTIFICATE = "certificate"
    """The platform's TLS certificate is not trusted (choose its CA file)."""
    CA_FILE_INVALID = "ca_file_invalid"
    """The chosen CA file cannot be read or holds no certificate."""
    SETTINGS_NOT_SAVED = "settings_not_saved"
    """Enrolled, but kiosk.toml could not be written."""


class EnrolmentFailed(Exception):
    """Enrolment did not happen (or its settings were not saved); ``problem`` says why."""

    def __init__(self, problem: EnrolmentProblem, detail: str) -> None:
        super().__init__(f"{problem.value}: {detail}")
        self.problem = problem
        self.detail = detail


@dataclass(frozen=True)
class Invitation:
    """What the installer gave: a code, and the platform's address if the QR code had it."""

    code: str
    central: str | None = None


def check_central_address(text: str) -> str:
    """The address as typed, trimmed, if the kiosk may use it; else :class:`EnrolmentFailed`.

    Plain http is accepted only to this machine (a platform on loopback), as
    the sync client's security rules require.
    """
    address = text.strip()
    problem = central_url_problem(address)
    if problem is None and " " not in address:
        return address
    parts = urlsplit(address)
    if parts.scheme == "http" and parts.hostname and " " not in address:
        raise EnrolmentFailed(EnrolmentProblem.ADDRESS_NOT_SECURE, problem or address)
    raise EnrolmentFailed(EnrolmentProblem.ADDRESS_INVALID, problem or f"{address!r} has spaces")


def read_invitation(text: str) -> Invitation:
    """A scanned enrolment QR code (JSON) or a typed code; :class:`EnrolmentFailed` otherwise."""
    stripped = text.strip()
    if stripped.startswith("{"):
        try:
            invitation = EnrolmentInvitation.model_validate_json(stripped)
        except ValidationError as error:
            raise EnrolmentFailed(
                EnrolmentProblem.CODE_INVALID,
                f"not a {ENROLMENT_QR_FORMAT} code: {error.error_count()} problems",
            ) from error
        return Invitation(invitation.code, invitation.central)
    if not _CODE.fullmatch(stripped):
        raise EnrolmentFailed(EnrolmentProblem.CODE_INVALID, "not 8 to 64 letters and digits")
    return Invitation(stripped)


def ca_files_on(drive: Path | None) -> list[Path]:
    """Certificate files at the top of a USB stick (and one folder down), sorted by name.

    Only files that hold a PEM certificate are listed: a private key or a
    note beside it on the stick is not offered as a CA.
    """
    if drive is None:
        return []
    found: set[Path] = set()
    for pattern in ("*.pem", "*.crt", "*/*.pem", "*/*.crt"):
        try:
            found.update(path for path in drive.glob(pattern) if _holds_certificate(path))
        except OSError:
            continue
    return sorted(found, key=lambda path: str(path).lower())


def _holds_certificate(path: Path) -> bool:
    try:
        with path.open("rb") as file:
            return _PEM_BEGIN in file.read(_CA_FILE_LIMIT)
    except OSError:
        return False


def is_enrolled(db: Database) -> bool:
    """Whether the kiosk already holds a central credential."""
    return sync_settings.read(db, sync_settings.CREDENTIAL) is not None


def enrol_kiosk(
    db: Database,
    paths: DataPaths,
    central_address: str,
    code_text: str,
    ca_file: Path | None,
    clock: Clock,
    *,
    actor: str = "kiosk",
    transport: Transport | None = None,
) -> Enrolment:
    """Enrol with the platform and save its address (and CA copy) in the settings,
    with the kiosk code it assigned: every tracking number starts with that code, and
    the platform takes applications only under the code of the kiosk sending them.

    ``actor`` (the administrator) is audited beside the enrolment.
    ``transport`` is for tests; by default a verified HTTPS session is used,
    trusting ``ca_file`` if one was chosen and the system's CAs otherwise.
    """
    address = check_central_address(central_address)
    invitation = read_invitation(code_text)
    ca_copy = _keep_ca_copy(ca_file, paths) if ca_file is not None else None
    session = requests.Session()
    try:
        client = CentralClient(
            address,
            transport or RequestsTransport(session, ca_copy),
            timeouts=Timeouts(connect=10.0, read=30.0),
        )
        try:
            enrolment = enrol(db, client, invitation.code, clock)
        except CentralRefused as error:
            raise _refused(error) from error
        except CentralUnavailable as error:
            raise _unavailable(error) from error
    finally:
        session.close()
    settings = {
        "central_url": address,
        "central_ca_bundle": str(ca_copy) if ca_copy else None,
        "kiosk_code": enrolment.kiosk_code,
    }
    try:
        set_settings(paths.config, settings)
    except ConfigError as error:
        raise EnrolmentFailed(EnrolmentProblem.SETTINGS_NOT_SAVED, str(error)) from error
    with transaction(db):
        details: dict[str, audit.DetailValue] = {"kiosk_code": enrolment.kiosk_code}
        if ca_copy is not None:
            details["file"] = ca_copy.name
        audit.append(db, "central_settings_saved", enrolment.kiosk_code, actor, details, clock)
    record_config_change(db, paths.config, clock)
    return enrolment


def _keep_ca_copy(ca_file: Path, paths: DataPaths) -> Path:
    try:
        content = ca_file.read_bytes()
    except OSError as error:
        raise EnrolmentFailed(EnrolmentProblem.CA_FILE_INVALID, str(error)) from error
    if len(content) > _CA_FILE_LIMIT or _PEM_BEGIN not in content:
        raise EnrolmentFailed(
            EnrolmentProblem.CA_FILE_INVALID, f"{ca_file.name} holds no PEM certificate"
        )
    try:
        return keep_in_data_dir(paths.data_dir, CA_COPY_NAME, content)
    except ConfigError as error:
        raise EnrolmentFailed(EnrolmentProblem.SETTINGS_NOT_SAVED, str(error)) from error


def _refused(error: CentralRefused) -> EnrolmentFailed:
    if error.code == "kiosk_revoked":
        return EnrolmentFailed(EnrolmentProblem.KIOSK_REVOKED, str(error))
    if error.code == "no_signing_key":
        return EnrolmentFailed(EnrolmentProblem.CENTRAL_NOT_SET_UP, str(error))
    if error.code == "enrolment_code_invalid" or error.status == 422:
        return EnrolmentFailed(EnrolmentProblem.CODE_REFUSED, str(error))
    return EnrolmentFailed(EnrolmentProblem.ADDRESS_WRONG, str(error))


def _unavailable(error: CentralUnavailable) -> EnrolmentFailed:
    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, requests.exceptions.SSLError):
            return EnrolmentFailed(EnrolmentProblem.CERTIFICATE, str(error))
        cause = cause.__cause__
    text = str(error)
    if "could not be looked up" in text or "not JSON" in text or "redirect" in text:
        return EnrolmentFailed(EnrolmentProblem.ADDRESS_WRONG, text)
    return EnrolmentFailed(EnrolmentProblem.NO_NETWORK, text)
