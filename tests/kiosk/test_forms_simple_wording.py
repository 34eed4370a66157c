"""Simpler wording for elderly mode: `label_simple`, `help_simple` and choices' `label_simple`."""

from __future__ import annotations

from tests.kiosk.forms_fixtures import field_data, form_data, form_with, text
from tests.kiosk.test_forms_loader import problems


def test_simpler_wording_is_used_only_when_asked_for() -> None:
    form = form_with(
        field_data(
            "income",
            "number",
            label=text("家庭月收入是多少？", "What is the household's monthly income?"),
            help=text("按过去12个月平均计算。", "Averaged over the last 12 months."),
            label_simple=text("全家一个月挣多少钱？", "How much does your family get a month?"),
            help_simple=text("算个大概就行。", "A rough figure is fine."),
        )
    )
    income = form.field("income")

    assert income.label_in("en") == "What is the household's monthly income?"
    assert income.label_in("en", simple=True) == "How much does your family get a month?"
    assert income.help_in("zh_CN") == "按过去12个月平均计算。"
    assert income.help_in("zh_CN", simple=True) == "算个大概就行。"


def test_a_simpler_wording_in_some_languages_leaves_the_others_as_written() -> None:
    form = form_with(
        field_data(
            "status",
            "choice",
            label=text("户口类别", "Type of household registration"),
            label_simple={"zh_CN": "哪种户口？"},
            choices=[
                {
                    "value": "agricultural",
                    "label": text("农业户口", "Agricultural"),
                    "label_simple": {"en": "Village"},
                },
                {"value": "resident", "label": text("居民户口", "Resident")},
            ],
        )
    )
    status = form.field("status")

    assert status.label_in("zh_CN", simple=True) == "哪种户口？"
    assert status.label_in("en", simple=True) == "Type of household registration"
    assert status.help_in("en", simple=True) == ""
    agricultural, resident = status.choices
    assert agricultural.label_in("en", simple=True) == "Village"
    assert agricultural.label_in("zh_CN", simple=True) == "农业户口"  # never another language
    assert resident.label_in("en", simple=True) == "Resident"


def test_simpler_wording_that_cannot_be_used_is_refused_naming_the_field() -> None:
    found = problems(
        form_data(
            field_data("size", "number", help_simple=text("几口人？", "How many?")),
            field_data("name", "text", label_simple={"zh_cn": "名字"}),
            field_data("phone", "phone", label_simple={"en": "  "}),
            field_data("note", "note", label_simple="Simple"),
            field_data("agree", "consent", label_simple=text("同意", "Agree")),
        )
    )

    assert found == [
        "test.json: field 'size': 'help_simple' is given without 'help'",
        "test.json: field 'name': 'label_simple' has a 'zh_cn' text, "
        "which is not a form language (zh_CN, en)",
        "test.json: field 'phone': 'label_simple' has an empty 'en' translation",
        "test.json: field 'note': 'label_simple' must be an object from language code to text",
        "test.json: field 'agree': a consent statement has no 'label_simple': "
        "it is what the person agrees to",
    ]


def test_a_choice_with_a_bad_simpler_label_is_refused() -> None:
    found = problems(
        form_data(
            field_data(
                "status",
                "choice",
                choices=[
                    {"value": "a", "label": text("甲", "A"), "label_simple": {"ug": "ئا"}},
                    {"value": "b", "label": text("乙", "B"), "lable_simple": {"en": "Bee"}},
                ],
            )
        )
    )

    assert found == [
        "test.json: field 'status': choice 1: 'label_simple' has a 'ug' text, "
        "which is not a form language (zh_CN, en)",
        "test.json: field 'status': choice 2: unknown key 'lable_simple' "
        "(did you mean 'label_simple'?)",
    ]
