"""The context each sealed value is bound to (authenticated, never secret).

A sealed value only opens under the context it was sealed with, so the
answers of one application pasted into another's row, or a receipt moved to
another application, are refused rather than shown under the wrong number.
"""

from __future__ import annotations

APPLICANT_ID_FIELD = "id_number"
"""The answer holding the applicant's ID number, the one the lookup hash is made of."""


def answers_context(application_uuid: str) -> str:
    """Context of an application's sealed answers."""
    return f"applications/{application_uuid}/answers"


def receipt_context(application_uuid: str) -> str:
    """Context of the receipt PDFs printed for an application."""
    return f"print_jobs/{application_uuid}/document"


def attachment_context(application_uuid: str, digest: str) -> str:
    """Context of a document photo of an application, bound to the photo's digest."""
    return f"attachments/{application_uuid}/{digest}"
