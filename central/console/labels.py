"""The words the console shows for stored values (statuses, roles, ratings…), per language.

Translated once per language when the console starts, not on every row of
every page: a queue of fifty applications would otherwise look each word up
hundreds of times.
"""

from __future__ import annotations

from functools import cache

from central.console.i18n import N_, translations

_LABELS: dict[str, dict[object, str]] = {
    "status": {
        "submitted": N_("Submitted"),
        "received": N_("Accepted"),
        "in_review": N_("Under review"),
        "documents_needed": N_("Documents needed"),
        "approved": N_("Approved"),
        "rejected": N_("Rejected"),
        "open": N_("Not yet decided"),
        "all": N_("All"),
    },
    "urgency": {
        "overdue": N_("Overdue"),
        "due_soon": N_("Due soon"),
        "on_time": N_("On time"),
        "paused": N_("Waiting for documents"),
        "decided": N_("Decided"),
    },
    "role": {
        "administrator": N_("Administrator"),
        "officer": N_("Officer"),
        "supervisor": N_("Supervisor"),
    },
    "staff_role": {
        "clerk": N_("Clerk"),
        "supervisor": N_("Supervisor"),
        "administrator": N_("Kiosk administrator"),
    },
    "identity": {
        "verified": N_("ID code scanned, signature verified"),
        "typed": N_("Number typed, no ID code scanned"),
        "unknown_issuer": N_("ID code from an issuer this platform does not trust"),
        "key_revoked": N_("ID code signed with a revoked key"),
        "bad_signature": N_("ID code with a forged or damaged signature"),
    },
    "printer": {
        "ready": N_("Ready"),
        "paper_low": N_("Ready, paper running low"),
        "not_configured": N_("No printer: receipts kept as files"),
        "offline": N_("Printer does not answer"),
        "spooler_down": N_("Print service stopped"),
        "queue_disabled": N_("Print queue stopped"),
        "out_of_paper": N_("Out of paper"),
        "cover_open": N_("Cover open"),
        "printer_error": N_("Printer fault"),
    },
    "software_update": {
        "none": N_("No update under way"),
        "downloading": N_("Downloading"),
        "staged": N_("Ready, switches when idle"),
        "trial": N_("Restarting on it"),
        "healthy": N_("Updated"),
        "rolled_back": N_("Rolled back"),
        "failed": N_("Update refused"),
    },
    "language": {"zh_CN": N_("Chinese"), "ug": N_("Uyghur"), "en": N_("English")},
    "rating": {
        5: N_("Very satisfied"),
        4: N_("Satisfied"),
        3: N_("Fairly satisfied"),
        2: N_("Unhappy"),
        1: N_("Very unhappy"),
    },
    "topic": {
        "waiting": N_("Waiting time"),
        "staff": N_("Staff"),
        "kiosk": N_("The kiosk"),
        "rules": N_("Rules and documents"),
        "other": N_("Something else"),
    },
}


@cache
def labels(language: str) -> dict[str, dict[object, str]]:
    """Every label map in ``language``."""
    translate = translations(language).gettext
    return {
        kind: {value: translate(text) for value, text in words.items()}
        for kind, words in _LABELS.items()
    }
