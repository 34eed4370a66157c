"""What checking an identity code found, as a value the screens and the back office read.

Every input gives exactly one :class:`IdentityResult`; nothing here raises for
a bad code, because a bad code is an everyday event at a kiosk, not a fault.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from types import MappingProxyType

from kiosk.forms.model import Claim


class Outcome(StrEnum):
    """The verdict on one scanned code, from best to worst for the applicant."""

    VERIFIED = "verified"
    """Signed by a key on the trust list, within its validity period."""
    UNSIGNED = "unsigned"
    """A format that carries no signature (an ID number alone, a plain record)."""
    UNKNOWN_ISSUER = "unknown_issuer"
    """Well formed and signed, but by a key the trust list does not hold."""
    KEY_REVOKED = "key_revoked"
    """Signed by a key the issuer has withdrawn: the signature proves nothing."""
    BAD_SIGNATURE = "bad_signature"
    """The signature does not match: the data was altered or signed by someone else."""
    EXPIRED = "expired"
    """Correctly signed, but past its expiry time."""
    NOT_YET_VALID = "not_yet_valid"
    """Correctly signed, but its validity starts later (or the kiosk clock is wrong)."""
    ENCRYPTED = "encrypted"
    """An encrypted identity code (COSE_Encrypt0): this kiosk holds no key to open it."""
    DAMAGED = "damaged"
    """Looks like a signed identity code but its structure is broken."""
    NOT_AN_ID = "not_an_id"
    """A readable code that is not an identity code (a web address, a receipt)."""
    UNREADABLE = "unreadable"
    """Nothing usable was read (empty, or far too large to be an identity code)."""

    @property
    def may_prefill(self) -> bool:
        """Whether the claims may fill the form (still unverified unless VERIFIED).

        A code whose signature fails or whose key was revoked may have been
        forged or altered, so its content is not offered at all.
        """
        return self in _PREFILL_ALLOWED


_PREFILL_ALLOWED = frozenset(
    {
        Outcome.VERIFIED,
        Outcome.UNSIGNED,
        Outcome.UNKNOWN_ISSUER,
        Outcome.EXPIRED,
        Outcome.NOT_YET_VALID,
    }
)


@dataclass(frozen=True)
class FacePhoto:
    """A face photo carried in the code: shown to the clerk, never stored."""

    data: bytes = field(repr=False)
    image_format: str
    """'jpeg', 'png', 'jpeg2000', 'avif', 'webp' or 'unknown'."""


@dataclass(frozen=True)
class IdentityResult:
    """One code's outcome, with what it says about the person when it could be read."""

    outcome: Outcome
    format: str
    """The parser that recognised the code ('claim169', 'prc_id_number', 'json_record'),
    or '' when none did."""
    claims: Mapping[Claim, object] = field(default_factory=lambda: MappingProxyType({}))
    issuer: str | None = None
    """The issuer named by the trust list (verified) or by the code itself."""
    issuer_names: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    """The issuer's display name per language, from the trust list."""
    key_id: str | None = None
    secondary_name: str | None = None
    secondary_language: str | None = None
    address_text: str | None = None
    photo: FacePhoto | None = None
    expires: datetime | None = None
    trust_list_issued: datetime | None = None
    detail: str = ""
    """A short technical reason for the log and the clerk; never shown to the applicant."""

    @property
    def prefill_claims(self) -> Mapping[Claim, object]:
        """The claims to fill the form with; empty when the outcome forbids it."""
        return self.claims if self.outcome.may_prefill else MappingProxyType({})

    @property
    def verified(self) -> bool:
        """Whether the content was proven to come from a trusted issuer."""
        return self.outcome is Outcome.VERIFIED

    def record(self, checked_at: datetime) -> dict[str, object]:
        """What the application keeps about this check, for the back office.

        Holds no personal data (no claims, no payload, no photo): only which
        format, which verdict, which issuer and key, and when, so the back
        office can tell a verified identity from a typed or unverified one.
        """
        return {
            "format": self.format,
            "outcome": self.outcome.value,
            "issuer": self.issuer,
            "key_id": self.key_id,
            "checked_at": checked_at.isoformat(),
            "trust_list_issued": (
                self.trust_list_issued.isoformat() if self.trust_list_issued else None
            ),
            "claims_provided": sorted(claim.value for claim in self.claims),
            "detail": self.detail,
        }


def result(outcome: Outcome, format_name: str = "", detail: str = "") -> IdentityResult:
    """A result that carries no claims (for codes that could not be used)."""
    return IdentityResult(outcome=outcome, format=format_name, detail=detail)
