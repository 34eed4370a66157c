"""Which trust list the kiosk verifies against: the signed one from the centre, or the file.

:mod:`sync.trust_list_updates` stores a trust list in the ``settings`` table
only after the administrator's signature and a newer serial were checked, so
reading it here parses without re-verifying. ``trust-list.json`` in the data
directory stays as a local fallback (a kiosk that never received a signed
list) and override (support revoking a key on a kiosk with no link): of the
two, the one with the later ``issued`` time wins, and the signed one on a tie,
so a forgotten file is overtaken by the next list the centre publishes.
"""

from __future__ import annotations

import logging
from pathlib import Path

from sqlite_utils import Database

from kiosk.identity.trust import (
    TrustList,
    TrustListError,
    load_trust_list,
    parse_trust_list,
    trust_list_path,
)

log = logging.getLogger(__name__)

SERIAL_SETTING = "identity.trust_list_serial"
DOCUMENT_SETTING = "identity.trust_list_document"
SIGNATURE_SETTING = "identity.trust_list_signature"


def installed_serial(db: Database) -> int:
    """The serial of the signed list installed from the centre, 0 when none is."""
    row = db.execute("SELECT value FROM settings WHERE key = ?", [SERIAL_SETTING]).fetchone()
    return 0 if row is None else int(row[0])


def installed_trust_list(db: Database) -> TrustList | None:
    """The signed list installed from the centre, or None (none yet, or no longer readable)."""
    row = db.execute("SELECT value FROM settings WHERE key = ?", [DOCUMENT_SETTING]).fetchone()
    if row is None:
        return None
    try:
        return parse_trust_list(str(row[0]))
    except TrustListError as error:
        log.error("installed trust list no longer loads: %s", error)
        return None


def local_trust_list(data_dir: Path) -> TrustList | None:
    """The data directory's ``trust-list.json``, or None when absent or unusable (logged)."""
    path = trust_list_path(data_dir)
    if not path.exists():
        return None
    try:
        return load_trust_list(path)
    except TrustListError as error:
        log.error("trust list %s unusable, ignored: %s", path, error)
        return None


def choose_trust_list(signed: TrustList | None, local: TrustList | None) -> TrustList:
    """The signed list with the file's revocations added; the file alone when no signed
    list was ever installed; empty when neither exists."""
    if signed is None:
        return local or TrustList()
    if local is None:
        return signed
    return signed.restricted_by(local)


def kiosk_trust_list(db: Database, data_dir: Path) -> TrustList:
    """The trust list scanned codes are verified against now."""
    return choose_trust_list(installed_trust_list(db), local_trust_list(data_dir))
