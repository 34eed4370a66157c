"""The note an applicant reads at the kiosk when their application changes status.

It is written in the applicant's language, whatever the officer's: each
status has a template per language (an administrator can replace a
service's template), the officer adds what is particular to this case, and
for missing documents every document is named at once (一次性告知), never one
per visit.
"""

from __future__ import annotations

from central.database import Connection
from central.form_registry import record_setting
from sync.protocol import ApplicationStatus

APPLICANT_LANGUAGES = ("zh_CN", "ug", "en")
MAX_NOTE_LENGTH = 1000

_DEFAULTS: dict[ApplicationStatus, dict[str, str]] = {
    ApplicationStatus.RECEIVED: {
        "zh_CN": "您的申请已受理，我们会在承诺时限内办理。",
        "ug": "ئىلتىماسىڭىز قوبۇل قىلىندى، ۋەدە قىلىنغان ۋاقىت ئىچىدە بېجىرىمىز.",
        "en": "Your application has been accepted and will be processed within the promised time.",
    },
    ApplicationStatus.IN_REVIEW: {
        "zh_CN": "您的申请正在审核中。",
        "ug": "ئىلتىماسىڭىز تەكشۈرۈلۈۋاتىدۇ.",
        "en": "Your application is being reviewed.",
    },
    ApplicationStatus.DOCUMENTS_NEEDED: {
        "zh_CN": "请带齐以下全部材料到乡镇便民服务中心：",
        "ug": "تۆۋەندىكى بارلىق ماتېرىياللارنى يېزىلىق مۇلازىمەت مەركىزىگە ئېلىپ كېلىڭ:",
        "en": "Please bring all of the following documents to the township service centre:",
    },
    ApplicationStatus.APPROVED: {
        "zh_CN": "您的申请已批准。",
        "ug": "ئىلتىماسىڭىز تەستىقلاندى.",
        "en": "Your application has been approved.",
    },
    ApplicationStatus.REJECTED: {
        "zh_CN": "很抱歉，您的申请未获批准。如有异议，可在60日内申请行政复议。原因：",
        "ug": "كەچۈرۈڭ، ئىلتىماسىڭىز تەستىقلانمىدى. قوشۇلمىسىڭىز 60 كۈن ئىچىدە"
        " مەمۇرىي قايتا قاراپ چىقىشنى ئىلتىماس قىلالايسىز. سەۋەبى:",
        "en": "We are sorry, your application was not approved. You may ask for an administrative"
        " review within 60 days. The reason:",
    },
}


def _setting_key(form_id: str, status: ApplicationStatus, language: str) -> str:
    return f"note_template:{form_id}:{status.value}:{language}"


def template(connection: Connection, form_id: str, status: ApplicationStatus, language: str) -> str:
    """The opening of the note for ``status``: the service's own, else the default."""
    return templates(connection, form_id, language)[status.value]


def templates(connection: Connection, form_id: str, language: str) -> dict[str, str]:
    """The opening of every status's note for one service and language (one query)."""
    keys = [_setting_key(form_id, status, language) for status in ApplicationStatus]
    rows = connection.query(
        f"SELECT key, value FROM settings WHERE key IN ({', '.join('?' for _ in keys)})", keys
    )
    own = {str(key): str(value) for key, value in rows}
    return {
        status.value: own.get(
            _setting_key(form_id, status, language),
            _DEFAULTS[status].get(language, _DEFAULTS[status]["zh_CN"]),
        )
        for status in ApplicationStatus
    }


def set_template(
    connection: Connection, form_id: str, status: ApplicationStatus, language: str, text: str
) -> None:
    """Replace a service's template for one status and language."""
    record_setting(connection, _setting_key(form_id, status, language), text.strip())


def compose(opening: str, documents: list[str], particular: str, language: str) -> str:
    """The note: the template, every missing document, the officer's own words."""
    separator = "、" if language == "zh_CN" else "، " if language == "ug" else ", "
    parts = [opening.strip()]
    if documents:
        parts.append(separator.join(document.strip() for document in documents))
    if particular.strip():
        parts.append(particular.strip())
    return "\n".join(part for part in parts if part)[:MAX_NOTE_LENGTH]
