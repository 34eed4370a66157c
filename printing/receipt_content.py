"""What a receipt says, worked out from a submitted application.

The content is decided here and drawn by :mod:`printing.receipt_layout`, so
that a thermal roll, an A4 page and a test read the same facts. Everything
is resolved to final strings in the applicant's language, with the official
language alongside where the two differ.

Only a few answers go on paper, because a receipt leaves the kiosk in a
pocket: the applicant's name, the ID number and phone masked, the address
down to the village, and up to :data:`MAX_CHOICE_ANSWERS` answered
single-choice questions in form order (those describe *what* was applied
for: which year, for whom, which grade) — never free text, amounts, bank
details or the rest of the form. A repeating group (the household members)
shows as the number of items entered, never as their names or ID numbers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import tzinfo

from kiosk.applications import Application
from kiosk.config import KioskConfig
from kiosk.forms import (
    Claim,
    Field,
    FieldType,
    FormDefinition,
    LocalText,
    RegionTree,
    evaluate_form,
    relevant_documents,
)
from kiosk.receipt_verification import ReceiptReference, qr_payload
from kiosk.visit import VisitApplication
from printing.masking import mask_id_number, mask_phone
from printing.receipt_texts import OFFICIAL_LANGUAGE, receipt_text

MAX_CHOICE_ANSWERS = 3
"""How many single-choice answers, besides identity, a receipt shows."""

_NOT_ON_PAPER = ("bank",)
"""Field id prefixes never printed, whatever their type."""


@dataclass(frozen=True)
class Bilingual:
    """A text in the applicant's language and, if different, in the official one."""

    text: str
    language: str
    official: str | None = None
    official_language: str = OFFICIAL_LANGUAGE


@dataclass(frozen=True)
class ReceiptItem:
    """One labelled fact: a label and its value."""

    label: Bilingual
    value: Bilingual


@dataclass(frozen=True)
class VisitSection:
    """Every application of one visit: its service and tracking number, in order."""

    heading: Bilingual
    applications: tuple[ReceiptItem, ...]


@dataclass(frozen=True)
class ReceiptContent:
    """Every fact a receipt prints, ready to lay out."""

    language: str
    heading: Bilingual
    service: Bilingual
    tracking_label: Bilingual
    tracking_number: str
    verification_label: Bilingual
    verification_code: str
    qr_payload: str
    facts: tuple[ReceiptItem, ...]
    """Submitted time, office and kiosk, assisting clerk."""
    answers_heading: Bilingual
    answers: tuple[ReceiptItem, ...]
    documents_heading: Bilingual
    documents: tuple[Bilingual, ...]
    processing: Bilingual | None
    how_to_check: Bilingual
    privacy: Bilingual
    visit: VisitSection | None = None
    """When one person applied for several services in one visit: each service and its
    tracking number, this one included (None for a single application)."""


def build_receipt_content(
    application: Application,
    form: FormDefinition,
    *,
    reference: ReceiptReference,
    config: KioskConfig,
    regions: RegionTree,
    zone: tzinfo,
    visit: Sequence[VisitApplication] = (),
) -> ReceiptContent:
    """Decide what the receipt of a submitted application says; with `visit` (the
    applications of the same visit, this one included) it lists every tracking number."""
    if application.tracking_number is None or application.submitted_at is None:
        raise ValueError(f"application {application.uuid} is not submitted")
    language = application.language
    fixed = _FixedTexts(language)
    submitted = application.submitted_at.astimezone(zone)
    state = evaluate_form(form, application.answers, submitted.date())
    facts = [
        ReceiptItem(fixed("submitted_at"), _same(submitted.strftime("%Y-%m-%d %H:%M"), language)),
        ReceiptItem(fixed("office"), _township(config.township, language)),
        ReceiptItem(fixed("kiosk"), _same(config.kiosk_code, language)),
    ]
    if application.assisted_by is not None:
        facts.append(ReceiptItem(fixed("assisted_by"), _same(application.assisted_by, language)))
    return ReceiptContent(
        language=language,
        heading=fixed("heading"),
        service=_local(form.title, language),
        tracking_label=fixed("tracking_number"),
        tracking_number=application.tracking_number,
        verification_label=fixed("verification_code"),
        verification_code=reference.code,
        qr_payload=qr_payload(reference),
        facts=tuple(facts),
        answers_heading=fixed("applicant"),
        answers=tuple(
            _key_answers(form, application.answers, state.relevant_fields, language, regions)
        ),
        documents_heading=fixed("documents"),
        documents=tuple(_local(doc.text, language) for doc in relevant_documents(form, state)),
        processing=(
            None if form.processing_days is None else fixed("processing", days=form.processing_days)
        ),
        how_to_check=fixed("how_to_check"),
        privacy=fixed("privacy"),
        visit=_visit_section(visit, fixed) if len(visit) > 1 else None,
    )


def _visit_section(visit: Sequence[VisitApplication], fixed: _FixedTexts) -> VisitSection:
    language = fixed.language
    return VisitSection(
        fixed("visit"),
        tuple(
            ReceiptItem(_local(applied.title, language), _same(applied.tracking_number, language))
            for applied in visit
        ),
    )


class _FixedTexts:
    """Fixed phrases in the applicant's language with the official one alongside."""

    def __init__(self, language: str) -> None:
        self.language = language

    def __call__(self, key: str, **values: object) -> Bilingual:
        text = receipt_text(key, self.language, **values)
        official = receipt_text(key, OFFICIAL_LANGUAGE, **values)
        return _pair(text, self.language, official)


def _pair(text: str, language: str, official: str) -> Bilingual:
    same = language == OFFICIAL_LANGUAGE or official == text
    return Bilingual(text, language, None if same else official)


def _local(text: LocalText, language: str) -> Bilingual:
    return _pair(text.get(language, ("en",)), language, text.get(OFFICIAL_LANGUAGE, ("en",)))


def _same(text: str, language: str) -> Bilingual:
    """A value that reads the same in every language (numbers, codes, names)."""
    return Bilingual(text, language)


def _township(township: Mapping[str, str], language: str) -> Bilingual:
    official = township.get(OFFICIAL_LANGUAGE) or next(iter(township.values()), "")
    return _pair(township.get(language) or official, language, official)


def _key_answers(
    form: FormDefinition,
    answers: Mapping[str, object],
    relevant: frozenset[str],
    language: str,
    regions: RegionTree,
) -> list[ReceiptItem]:
    items: list[ReceiptItem] = []
    choices = 0
    for field in form.fields():
        value = answers.get(field.id)
        if field.id not in relevant or value in (None, "", [], ()):
            continue
        if field.id.startswith(_NOT_ON_PAPER):
            continue
        item = _identity_item(field, value, language, regions)
        if field.repeats and isinstance(value, list | tuple):
            item = ReceiptItem(_local(field.label, language), _same(str(len(value)), language))
        elif item is None and field.type is FieldType.CHOICE and field.prefill is None:
            if choices >= MAX_CHOICE_ANSWERS:
                continue
            choices += 1
            item = ReceiptItem(_local(field.label, language), _choice(field, str(value), language))
        if item is not None:
            items.append(item)
    return items


def _identity_item(
    field: Field, value: object, language: str, regions: RegionTree
) -> ReceiptItem | None:
    """Name, ID number, phone and address: the facts that say whose application it is."""
    label = _local(field.label, language)
    if field.type is FieldType.TEXT and field.prefill is Claim.NAME:
        return ReceiptItem(label, _same(str(value), language))
    if field.type is FieldType.ID_NUMBER:
        return ReceiptItem(label, _same(mask_id_number(str(value)), language))
    if field.type is FieldType.PHONE:
        return ReceiptItem(label, _same(mask_phone(str(value)), language))
    if field.type is FieldType.ADDRESS and isinstance(value, list | tuple):
        codes = [str(code) for code in value]
        text = " ".join(regions.names(codes, language, (OFFICIAL_LANGUAGE,)))
        official = " ".join(regions.names(codes, OFFICIAL_LANGUAGE, ("en",)))
        return ReceiptItem(label, _pair(text, language, official))
    return None


def _choice(field: Field, value: str, language: str) -> Bilingual:
    for choice in field.choices:
        if choice.value == value:
            return _local(choice.label, language)
    return _same(value, language)
