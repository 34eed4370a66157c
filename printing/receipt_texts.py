"""The fixed wording of a receipt, in every language the kiosk may speak.

Receipts are rendered without Qt (on a worker thread, from the terminal, on
the central platform), so their few fixed phrases live here rather than in
Qt's translation files. Form titles, field labels, choice labels and
documents come from the form definitions. A language missing here falls
back to the official language, then English.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

OFFICIAL_LANGUAGE = "zh_CN"
"""The language printed alongside the applicant's own when the two differ."""

RIGHT_TO_LEFT_LANGUAGES = frozenset({"ug", "ar", "fa"})
"""Languages whose lines are aligned to the right and shaped."""

_TEXTS: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {
        "heading": {
            "zh_CN": "受理回执",
            "en": "Application receipt",
            "ug": "ئىلتىماس تالونى",
        },
        "reprint": {
            "zh_CN": "补打",
            "en": "REPRINT",
            "ug": "قايتا بېسىلغان",
        },
        "tracking_number": {
            "zh_CN": "受理编号",
            "en": "Tracking number",
            "ug": "ئىلتىماس نومۇرى",
        },
        "verification_code": {
            "zh_CN": "查验码",
            "en": "Check code",
            "ug": "تەكشۈرۈش كودى",
        },
        "submitted_at": {
            "zh_CN": "提交时间",
            "en": "Submitted",
            "ug": "تاپشۇرۇلغان ۋاقىت",
        },
        "office": {
            "zh_CN": "受理地点",
            "en": "Received at",
            "ug": "قوبۇل قىلغان ئورۇن",
        },
        "applicant": {
            "zh_CN": "申请内容",
            "en": "Your application",
            "ug": "ئىلتىماسىڭىز",
        },
        "documents": {
            "zh_CN": "还需携带的材料",
            "en": "Documents still to bring",
            "ug": "ئېلىپ كېلىشكە تېگىشلىك ماتېرىياللار",
        },
        "processing": {
            "zh_CN": "预计{days}个工作日内办结",
            "en": "Expected within {days} working days",
            "ug": "{days} خىزمەت كۈنى ئىچىدە بېجىرىلىدۇ",
        },
        "how_to_check": {
            "zh_CN": "查询办理进度：在本机点击“查询我的申请”并扫描此二维码，或报上受理编号。",
            "en": "To check progress: tap “Check my application” at this kiosk and scan"
            " this QR code, or give the tracking number.",
            "ug": "ئەھۋالنى بىلىش ئۈچۈن: بۇ ماشىنىدا «ئىلتىماسىمنى تەكشۈرۈش» نى بېسىپ"
            " بۇ كودنى سكانىرلاڭ ياكى ئىلتىماس نومۇرىنى ئېيتىڭ.",
        },
        "assisted_by": {
            "zh_CN": "经办人员",
            "en": "Assisted by clerk",
            "ug": "ياردەملەشكەن خادىم",
        },
        "kiosk": {
            "zh_CN": "终端",
            "en": "Kiosk",
            "ug": "ئاپارات",
        },
        "privacy": {
            "zh_CN": "您的信息仅用于办理本申请，并依法保管。请妥善保存本回执，它是您已申请的凭证。",
            "en": "Your information is used only to handle this application and is kept as"
            " the law requires. Keep this receipt: it is your proof that you applied.",
            "ug": "ئۇچۇرلىرىڭىز پەقەت بۇ ئىلتىماسنى بېجىرىشكىلا ئىشلىتىلىدۇ ۋە قانۇن بويىچە"
            " ساقلىنىدۇ. بۇ تالوننى ياخشى ساقلاڭ، ئۇ ئىلتىماس قىلغانلىقىڭىزنىڭ ئىسپاتى.",
        },
        "visit": {
            "zh_CN": "本次办理的全部申请",
            "en": "Every application of this visit",
            "ug": "بۇ قېتىم قىلغان ھەممە ئىلتىماسلار",
        },
        "name": {
            "zh_CN": "姓名",
            "en": "Name",
            "ug": "ئىسىم",
        },
        "id_number": {
            "zh_CN": "身份证号",
            "en": "ID number",
            "ug": "كىملىك نومۇرى",
        },
    }
)


def receipt_text(key: str, language: str, **values: object) -> str:
    """A fixed receipt phrase in ``language``, with ``{placeholders}`` filled in."""
    texts = _TEXTS[key]
    template = texts.get(language) or texts.get(OFFICIAL_LANGUAGE) or texts["en"]
    return template.format(**values)


def is_right_to_left(language: str) -> bool:
    """Whether lines in this language run right to left."""
    return language.split("_")[0] in RIGHT_TO_LEFT_LANGUAGES
