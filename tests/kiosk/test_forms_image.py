"""The `image` field type: loaded, validated and converted to and from XLSForm."""

from __future__ import annotations

import datetime
import hashlib

import pytest

from kiosk.forms import (
    FieldType,
    FormDefinitionError,
    ProblemCode,
    ValidationContext,
    normalise_answer,
    parse_form,
    validate_answer,
)
from kiosk.forms.xlsform import xlsform_to_definition
from tests.kiosk.forms_fixtures import field_data, form_data, form_with
from tests.kiosk.test_forms_xlsform import EN, ZH, workbook

TODAY = ValidationContext(today=datetime.date(2026, 5, 1))
PHOTO_DIGEST = hashlib.sha256(b"a photo").hexdigest()


def test_an_image_field_loads_with_no_options() -> None:
    form = form_with(field_data("hukou_page", "image", required=True))

    assert form.field("hukou_page").type is FieldType.IMAGE


def test_an_image_field_refuses_options_of_other_types() -> None:
    with pytest.raises(FormDefinitionError) as refused:
        parse_form(form_data(field_data("hukou_page", "image", max=3)), "test.json")

    assert [str(problem) for problem in refused.value.problems] == [
        "test.json: field 'hukou_page': 'max' does not apply to a image field"
    ]


def test_an_image_answer_is_the_photo_digest() -> None:
    form = form_with(field_data("hukou_page", "image", required=True))
    field = form.field("hukou_page")

    answer = normalise_answer(field, PHOTO_DIGEST.upper())

    assert answer == PHOTO_DIGEST
    assert validate_answer(form, field, answer, {}, TODAY) is None


@pytest.mark.parametrize("value", ["not-a-digest", PHOTO_DIGEST[:-1], 12])
def test_anything_but_a_digest_is_not_a_photo(value: object) -> None:
    form = form_with(field_data("hukou_page", "image"))
    field = form.field("hukou_page")

    problem = validate_answer(form, field, value, {}, TODAY)

    assert problem is not None and problem.code is ProblemCode.BAD_PHOTO


def test_a_missing_required_photo_is_required() -> None:
    form = form_with(field_data("hukou_page", "image", required=True))

    problem = validate_answer(form, form.field("hukou_page"), None, {}, TODAY)

    assert problem is not None and problem.code is ProblemCode.REQUIRED


def test_an_xlsform_image_question_becomes_an_image_field() -> None:
    data = workbook([["image", "hukou_page", "户口本页", "Household register page", "yes"]],
                    headers=["type", "name", ZH, EN, "required"], choices=None)  # fmt: skip

    definition = xlsform_to_definition(data)

    field = definition["pages"][0]["fields"][0]  # type: ignore[index]
    assert field == {
        "id": "hukou_page",
        "type": "image",
        "label": {"zh_CN": "户口本页", "en": "Household register page"},
        "required": True,
    }
    parse_form(definition, "form.xlsx")


def test_a_photo_cannot_be_a_question_of_a_repeating_group() -> None:
    group = field_data(
        "members",
        "repeat",
        item_label={"zh_CN": "成员", "en": "Member"},
        fields=[field_data("member_card", "image")],
    )

    with pytest.raises(FormDefinitionError) as refused:
        parse_form(form_data(group), "test.json")

    assert any(
        "a image field cannot be a question of repeating group 'members'" in str(problem)
        for problem in refused.value.problems
    )
