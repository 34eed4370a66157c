"""How a stored answer reads on the review screen, in the applicant's language."""

from __future__ import annotations

from datetime import date, datetime, tzinfo

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime

from kiosk.forms import Field, FieldType, RegionTree
from ui.i18n import translate


def display_answer(
    field: Field, value: object, language: str, regions: RegionTree, simple: bool = False
) -> str:
    """A stored answer as words a person recognises (choice labels, local dates);
    `simple` uses the choices' simpler wording (elderly mode)."""
    if value is None or value == [] or value == "":
        return translate("Review", "(not answered)")
    kind = field.type
    labels = {choice.value: choice.label_in(language, simple) for choice in field.choices}
    if kind is FieldType.CHOICE:
        return labels.get(str(value), str(value))
    if kind is FieldType.MULTI_CHOICE and isinstance(value, list | tuple):
        separator = translate("Review", ", ")  # Chinese lists use 、
        return separator.join(labels.get(str(item), str(item)) for item in value)
    if kind in (FieldType.YES_NO, FieldType.CONSENT):
        return translate("Review", "Yes") if value else translate("Review", "No")
    if kind is FieldType.ADDRESS and isinstance(value, list | tuple):
        return " / ".join(regions.names([str(code) for code in value], language))
    if kind is FieldType.DATE:
        return long_date_text(date.fromisoformat(str(value)))
    if kind is FieldType.NUMBER and isinstance(value, int | float):
        text = QLocale().toString(float(value), "f", 0 if float(value).is_integer() else 2)
        unit = field.unit.get(language) if field.unit is not None else ""
        return f"{text} {unit}".strip()
    return str(value)


def local_time_text(moment: datetime, zone: tzinfo) -> str:
    """A stored UTC time as the kiosk's local date and time, in the current locale."""
    local = moment.astimezone(zone)
    qt_moment = QDateTime(
        QDate(local.year, local.month, local.day), QTime(local.hour, local.minute)
    )
    return QLocale().toString(qt_moment, QLocale.FormatType.ShortFormat)


def long_date_text(day: date) -> str:
    """A date spelled out in the current locale, without the weekday (which
    only distracts when checking a date of birth)."""
    locale = QLocale()
    pattern = locale.dateFormat(QLocale.FormatType.LongFormat).replace("dddd", "")
    pattern = pattern.strip(" ,،")
    return locale.toString(QDate(day.year, day.month, day.day), pattern)
