"""Shared test data for the form engine tests: a household form, a region list, ID numbers."""

from __future__ import annotations

import copy
import datetime
from typing import Any

from kiosk.forms import (
    FormDefinition,
    RegionTree,
    ValidationContext,
    parse_form,
    parse_regions,
)

TODAY = datetime.date(2024, 6, 15)


def reference_check_character(first_seventeen: str) -> str:
    """GB 11643 check character from the ISO 7064 definition (weights 2^(17-i) mod 11).

    Written from the standard's formula rather than the weight table the
    engine uses, so the two can disagree if either is wrong.
    """
    total = sum(int(digit) * pow(2, 17 - index, 11) for index, digit in enumerate(first_seventeen))
    value = (12 - total % 11) % 11
    return "X" if value == 10 else str(value)


def make_id_number(region: str = "520102", birth: str = "19800101", sequence: str = "123") -> str:
    """A valid 18-character ID number with the given parts."""
    body = region + birth + sequence
    return body + reference_check_character(body)


def text(zh: str, en: str) -> dict[str, str]:
    """A two-language text as a form file writes it."""
    return {"zh_CN": zh, "en": en}


HOUSEHOLD_FORM: dict[str, Any] = {
    "id": "minimum-living-allowance",
    "version": 2,
    "languages": ["zh_CN", "en"],
    "title": text("最低生活保障申请", "Apply for the minimum living allowance"),
    "summary": text("低保", "Dibao"),
    "icon": "allowance",
    "processing_days": 30,
    "calculate": [
        {"id": "income_per_person", "expression": "household_income / household_size"},
        {"id": "age", "expression": "age(birth_date)"},
    ],
    "pages": [
        {
            "id": "applicant",
            "title": text("申请人", "Applicant"),
            "fields": [
                {
                    "id": "full_name",
                    "type": "text",
                    "required": True,
                    "max": 30,
                    "prefill": "name",
                    "label": text("姓名", "Full name"),
                },
                {
                    "id": "id_number",
                    "type": "id_number",
                    "required": True,
                    "prefill": "id_number",
                    "label": text("身份证号码", "ID number"),
                },
                {
                    "id": "birth_date",
                    "type": "date",
                    "required": True,
                    "min": "1900-01-01",
                    "max": "today",
                    "prefill": "birth_date",
                    "label": text("出生日期", "Date of birth"),
                    "constraint": "age(.) >= 16",
                    "constraint_message": text("须年满16周岁", "You must be 16 or over"),
                },
                {
                    "id": "gender",
                    "type": "choice",
                    "prefill": "gender",
                    "label": text("性别", "Sex"),
                    "choices": [
                        {"value": "male", "label": text("男", "Male")},
                        {"value": "female", "label": text("女", "Female")},
                    ],
                },
                {
                    "id": "marital_status",
                    "type": "choice",
                    "required": True,
                    "label": text("婚姻状况", "Marital status"),
                    "choices": [
                        {"value": "single", "label": text("未婚", "Single")},
                        {"value": "married", "label": text("已婚", "Married")},
                        {"value": "widowed", "label": text("丧偶", "Widowed")},
                    ],
                },
                {
                    "id": "spouse_name",
                    "type": "text",
                    "required": True,
                    "relevant": "marital_status = 'married'",
                    "label": text("配偶姓名", "Spouse's name"),
                },
                {
                    "id": "phone",
                    "type": "phone",
                    "required": True,
                    "prefill": "phone",
                    "label": text("电话", "Phone"),
                },
                {
                    "id": "home",
                    "type": "address",
                    "required": True,
                    "prefill": "address",
                    "label": text("户籍地址", "Registered address"),
                },
            ],
        },
        {
            "id": "household",
            "title": text("家庭情况", "Household"),
            "fields": [
                {
                    "id": "household_size",
                    "type": "number",
                    "integer": True,
                    "min": 1,
                    "max": 20,
                    "required": True,
                    "label": text("家庭人口", "People in the household"),
                },
                {
                    "id": "household_income",
                    "type": "number",
                    "min": 0,
                    "required": True,
                    "unit": text("元/月", "yuan a month"),
                    "label": text("家庭月收入", "Household income a month"),
                },
                {
                    "id": "benefits",
                    "type": "multi_choice",
                    "max": 2,
                    "label": text("已领取的补助", "Benefits already received"),
                    "choices": [
                        {"value": "pension", "label": text("养老金", "Pension")},
                        {"value": "disability", "label": text("残疾补贴", "Disability")},
                        {"value": "farming", "label": text("种粮补贴", "Farming subsidy")},
                    ],
                },
                {
                    "id": "has_disability",
                    "type": "yes_no",
                    "required": True,
                    "label": text("家中有残疾人吗？", "Is anyone disabled?"),
                },
                {
                    "id": "disability_grade",
                    "type": "choice",
                    "required": True,
                    "relevant": "has_disability",
                    "label": text("残疾等级", "Disability grade"),
                    "choices": [
                        {"value": "1", "label": text("一级", "Grade 1")},
                        {"value": "2", "label": text("二级", "Grade 2")},
                    ],
                },
                {
                    "id": "pension_note",
                    "type": "note",
                    "relevant": "age >= 60",
                    "label": text("养老金情况说明", "About your pension"),
                },
            ],
        },
        {
            "id": "confirm",
            "fields": [
                {
                    "id": "consent",
                    "type": "consent",
                    "required": True,
                    "label": text("本人承诺以上信息属实", "I confirm this is true"),
                }
            ],
        },
    ],
    "documents": [
        {"id": "id_card", "text": text("身份证", "ID card")},
        {
            "id": "disability_cert",
            "relevant": "has_disability",
            "text": text("残疾人证", "Disability certificate"),
        },
        {
            "id": "marriage_cert",
            "relevant": "marital_status = 'married'",
            "text": text("结婚证", "Marriage certificate"),
        },
        {
            "id": "income_proof",
            "relevant": "income_per_person < 500",
            "text": text("收入证明", "Proof of income"),
        },
    ],
}


def household_form_data() -> dict[str, Any]:
    """A fresh copy of the household form file, for tests that change it."""
    return copy.deepcopy(HOUSEHOLD_FORM)


def household_form() -> FormDefinition:
    """The household form, loaded."""
    return parse_form(household_form_data(), "household.json")


REGIONS_DATA: list[dict[str, Any]] = [
    {
        "code": "520000",
        "name": text("贵州省", "Guizhou"),
        "children": [
            {
                "code": "520113",
                "name": text("白云区", "Baiyun"),
                "children": [
                    {
                        "code": "520113001",
                        "name": text("大山洞街道", "Dashandong"),
                        "children": [
                            {"code": "520113001001", "name": text("一村", "Village 1")},
                            {"code": "520113001002", "name": text("二村", "Village 2")},
                        ],
                    },
                    # A township the list has no villages for.
                    {"code": "520113002", "name": text("艳山红镇", "Yanshanhong")},
                ],
            }
        ],
    },
    {"code": "530000", "name": {"zh_CN": "云南省"}, "children": []},
]

FULL_ADDRESS = ("520000", "520113", "520113001", "520113001002")


def regions() -> RegionTree:
    """The small region list above."""
    return parse_regions(copy.deepcopy(REGIONS_DATA), "regions.json")


def context() -> ValidationContext:
    """Validation on the test's fixed day, with the small region list."""
    return ValidationContext(TODAY, regions())


def form_data(*fields: dict[str, Any], **top: Any) -> dict[str, Any]:
    """A minimal valid form file holding `fields` on one page; `top` adds or replaces keys."""
    data: dict[str, Any] = {
        "id": "test-form",
        "version": 1,
        "languages": ["zh_CN", "en"],
        "title": text("测试", "Test"),
        "pages": [{"id": "main", "title": text("页", "Page"), "fields": list(fields)}],
    }
    data.update(top)
    return data


def field_data(field_id: str, field_type: str, **options: Any) -> dict[str, Any]:
    """A field as a form file writes it, with a label in both languages."""
    return {"id": field_id, "type": field_type, "label": text("问题", "Question"), **options}


def form_with(*fields: dict[str, Any], **top: Any) -> FormDefinition:
    """A loaded form holding `fields` on one page."""
    return parse_form(form_data(*fields, **top), "test.json")
