"""A PRC resident ID number on its own (some older cards and slips encode only that).

It proves nothing about who holds it, so it is UNSIGNED; its check character
(GB 11643) still catches a misread.
"""

from __future__ import annotations

import re
from types import MappingProxyType

from kiosk.forms.idnumber import normalise_id_number, parse_id_number
from kiosk.forms.prefill import claims_from_id_number
from kiosk.identity.context import VerificationContext
from kiosk.identity.outcome import IdentityResult, Outcome, result

FORMAT = "prc_id_number"
_SHAPE = re.compile(r"\d{17}[\dXx]")


def parse_prc_id(text: str, context: VerificationContext) -> IdentityResult | None:
    """UNSIGNED with the number's claims, DAMAGED for a bad check, None if not shaped like one."""
    number = normalise_id_number(text.strip())
    if not _SHAPE.fullmatch(number):
        return None
    today = context.now.date()
    if parse_id_number(number, today) is None:
        return result(Outcome.DAMAGED, FORMAT, "check character, region or birth date wrong")
    claims = claims_from_id_number(number, today)
    return IdentityResult(Outcome.UNSIGNED, FORMAT, claims=MappingProxyType(claims))
