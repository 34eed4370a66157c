"""Identity QR codes: recognise the format, verify offline, map to form claims.

No Qt here: the screens, the terminal command and the tests all call
:func:`identify` with a :class:`VerificationContext` (trust list and time).
"""

from kiosk.identity.context import VerificationContext
from kiosk.identity.outcome import FacePhoto, IdentityResult, Outcome
from kiosk.identity.registry import DEFAULT_REGISTRY, ParserRegistry, identify
from kiosk.identity.trust import (
    TRUST_LIST_FILE,
    TrustList,
    TrustListError,
    load_trust_list,
    parse_trust_list,
    trust_list_path,
)

__all__ = [
    "DEFAULT_REGISTRY",
    "TRUST_LIST_FILE",
    "FacePhoto",
    "IdentityResult",
    "Outcome",
    "ParserRegistry",
    "TrustList",
    "TrustListError",
    "VerificationContext",
    "identify",
    "load_trust_list",
    "parse_trust_list",
    "trust_list_path",
]
