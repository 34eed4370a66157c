"""How a stored answer reads on the review screen, in the applicant's language."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta, tzinfo

from PySide6.QtCore import QDate, QLocale

from kiosk.forms import Field, FieldType, RegionTree
from ui.i18n import left_to_right, translate


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


SUMMARY_ANSWERS = 2
"""How many of an item's answers its row on a group's summary shows (name, relation)."""


def item_answers_text(
    group: Field,
    item: Mapping[str, object],
    language: str,
    regions: RegionTree,
    simple: bool = False,
) -> str:
    """The first answers of one item of a repeating group, to tell the items apart
    in the group's list ("Li Jianguo · Husband or wife")."""
    shown = [
        display_answer(inner, item[inner.id], language, regions, simple)
        for inner in group.fields
        if item.get(inner.id) is not None
    ]
    return " · ".join(shown[:SUMMARY_ANSWERS])


def local_time_text(moment: datetime, zone: tzinfo) -> str:
    """A stored UTC time as the kiosk's local date and time, labelled with its offset
    from UTC (``2026-11-27 10:30 (UTC+8)``): every time on the kiosk's screens is
    shown this one way, in every language, so none can be mistaken for another."""
    local = moment.astimezone(zone)
    return left_to_right(f"{local:%Y-%m-%d %H:%M} ({utc_offset_label(local)})")


def utc_offset_label(local: datetime) -> str:
    """``UTC+8``, ``UTC-3:30``, ``UTC``: the zone of a local time, the same in every language."""
    offset = local.utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds()) // 60
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def long_date_text(day: date) -> str:
    """A date spelled out in the current locale, without the weekday (which
    only distracts when checking a date of birth)."""
    locale = QLocale()
    pattern = locale.dateFormat(QLocale.FormatType.LongFormat).replace("dddd", "")
    pattern = pattern.strip(" ,،")
    return locale.toString(QDate(day.year, day.month, day.day), pattern)
