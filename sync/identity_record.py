"""The identity check kept with a kiosk application, as the protocol sends it.

The kiosk stores the check as the JSON :meth:`kiosk.identity.IdentityResult.record`
wrote (or the typed-number record of the applicant flow); this turns it into
the protocol's :class:`~sync.protocol.IdentityCheck`. A record that no longer
fits is left out rather than holding the application back: the application
matters more than how it was identified.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime

from pydantic import ValidationError

from kiosk.clock import format_timestamp
from sync.protocol import IdentityCheck

log = logging.getLogger(__name__)

_FIELDS = ("format", "outcome", "issuer", "key_id", "claims_provided")


def identity_check_from_stored(stored: object) -> IdentityCheck | None:
    """The protocol's identity check from the stored JSON text, or None (none or unusable)."""
    if stored is None:
        return None
    try:
        record = json.loads(str(stored))
        fields = {name: record[name] for name in _FIELDS if record.get(name) is not None}
        for name in ("checked_at", "trust_list_issued"):
            if record.get(name):
                fields[name] = _timestamp(str(record[name]))
        return IdentityCheck.model_validate(fields)
    except (ValueError, TypeError, AttributeError, KeyError, ValidationError) as error:
        log.warning("identity check left out of the application: %s", str(error).splitlines()[0])
        return None


def _timestamp(text: str) -> str:
    """An ISO time with an offset as the protocol's fixed-width UTC text."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError(f"time without a zone: {text}")
    return format_timestamp(moment.astimezone(UTC))
