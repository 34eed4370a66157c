"""A plain JSON identity record, as some local systems print on slips.

Shape: a JSON object whose keys are claim names (``name``, ``id_number``,
``birth_date``, ``gender``, ``phone``, ``address``); unknown keys are
ignored. Anyone can write one, so it is UNSIGNED: it only saves typing.
"""

from __future__ import annotations

import json
from types import MappingProxyType

from kiosk.forms.model import Claim
from kiosk.identity.context import VerificationContext
from kiosk.identity.outcome import IdentityResult, Outcome, result

FORMAT = "json_record"
MAX_LENGTH = 4_096


def parse_json_record(text: str, context: VerificationContext) -> IdentityResult | None:
    """UNSIGNED with the record's claims, or None if `text` is not a JSON object."""
    text = text.strip()
    if not text.startswith("{"):
        return None
    if len(text) > MAX_LENGTH:
        return result(Outcome.NOT_AN_ID, FORMAT, "too long for an identity record")
    try:
        data = json.loads(text, object_pairs_hook=_refuse_duplicates)
    except (ValueError, RecursionError):
        return None
    if not isinstance(data, dict):
        return None
    claims: dict[Claim, object] = {}
    for claim in Claim:
        value = data.get(claim.value)
        if claim is Claim.ADDRESS:
            if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
                claims[claim] = tuple(value)
        elif isinstance(value, str) and value.strip():
            claims[claim] = value.strip()
    if not claims:
        return result(Outcome.NOT_AN_ID, FORMAT, "a JSON object with no identity claim")
    return IdentityResult(Outcome.UNSIGNED, FORMAT, claims=MappingProxyType(claims))


def _refuse_duplicates(pairs: list[tuple[str, object]]) -> dict[str, object]:
    """A key written twice could show one name and submit another: refuse the record."""
    keys = [key for key, _ in pairs]
    if len(keys) != len(set(keys)):
        raise ValueError("duplicate key")
    return dict(pairs)
