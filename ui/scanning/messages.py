"""What the applicant is told about a scanned code, in their language.

One sentence per outcome, plain enough to be read aloud. Technical detail
(which key, which check failed) goes to the log for the clerk, never here.
"""

from __future__ import annotations

from kiosk.identity import IdentityResult, Outcome
from ui.i18n import translate


def outcome_message(found: IdentityResult, language: str) -> str:
    """The sentence shown (and read aloud) after a scan."""
    issuer = found.issuer_names.get(language) or next(
        iter(found.issuer_names.values()), found.issuer or ""
    )
    dated = found.trust_list_issued.date().isoformat() if found.trust_list_issued else "—"
    messages = {
        Outcome.VERIFIED: translate(
            "ScanOutcome", "ID verified, issued by {issuer}. Please check the answers filled in."
        ),
        Outcome.UNSIGNED: translate(
            "ScanOutcome", "ID number read. Please check the answers filled in."
        ),
        Outcome.UNKNOWN_ISSUER: translate(
            "ScanOutcome",
            "The code was read, but this kiosk does not know its issuer (its list is dated"
            " {date}), so it could not be verified. You can continue; please check the answers.",
        ),
        Outcome.KEY_REVOKED: translate(
            "ScanOutcome",
            "This ID code was signed with a key that has been withdrawn. Please type the ID"
            " number instead.",
        ),
        Outcome.BAD_SIGNATURE: translate(
            "ScanOutcome",
            "This ID code could not be verified: it may have been altered. Please type the ID"
            " number instead.",
        ),
        Outcome.EXPIRED: translate(
            "ScanOutcome", "This ID code has expired. You can continue; please check the answers."
        ),
        Outcome.NOT_YET_VALID: translate(
            "ScanOutcome",
            "This ID code is not valid yet. You can continue; please check the answers.",
        ),
        Outcome.ENCRYPTED: translate(
            "ScanOutcome",
            "This ID code is encrypted, and this kiosk holds no key to read it. Please type the"
            " ID number instead.",
        ),
        Outcome.DAMAGED: translate(
            "ScanOutcome",
            "The code is damaged and could not be read. Try again, or type the ID number.",
        ),
        Outcome.NOT_AN_ID: translate(
            "ScanOutcome", "This QR code is not an ID code. Please scan the code on your ID card."
        ),
        Outcome.UNREADABLE: translate(
            "ScanOutcome", "Nothing could be read. Try again, or type the ID number."
        ),
    }
    return messages[found.outcome].format(issuer=issuer, date=dated)
