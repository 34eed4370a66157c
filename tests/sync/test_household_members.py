"""Household members from the kiosk's store over the real sync to the console:
the application page groups the answers per member in form order, the export
flattens them, and the platform refuses answers beyond the protocol's bounds."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from central.console.accounts import Role
from kiosk.forms.model import MAX_REPEAT_ITEMS
from resources import SAMPLE_APPLICANTS_FILE
from tests.central.platform import Platform
from tests.central.test_api import record, submit
from tests.central.test_console import add, console, sign_in
from tests.sync.conftest import Kiosk

FORM = "minimum-living-allowance"


def sample_answers() -> dict[str, Any]:
    data = json.loads(SAMPLE_APPLICANTS_FILE.read_text(encoding="utf-8"))
    answers: dict[str, Any] = dict(data["answers"][FORM])
    answers["id_number"] = data["id_number"]
    return answers


def test_members_reach_the_console_grouped_per_member(kiosk: Kiosk, platform: Platform) -> None:
    answers = sample_answers()
    draft = kiosk.store.create_draft(FORM, 1, "zh_CN")
    application = kiosk.store.submit(draft.uuid, answers)
    assert kiosk.worker.run_once().acknowledged == 1

    add(platform, "officer", Role.OFFICER)
    browser = sign_in(platform, "officer")
    page = browser.get(console(platform, f"applications/{application.uuid}"), timeout=30)
    assert page.status_code == 200
    text = page.text
    spouse, grandchild = answers["members"]
    # The group's count, then each member under its heading, questions in form order.
    places = [
        text.index("和您共同生活的家庭成员"),
        text.index('class="item-heading">家庭成员 1<'),
        text.index(spouse["member_name"]),
        text.index("配偶"),
        text.index(spouse["member_id_number"]),
        text.index("400 元/月"),
        text.index('class="item-heading">家庭成员 2<'),
        text.index(grandchild["member_name"]),
        text.index("孙子女"),
        text.index(grandchild["member_id_number"]),
    ]
    assert places == sorted(places)
    assert '<dd dir="auto">2</dd>' in text  # two members

    exported = browser.get(
        console(platform, f"exports/applications.csv?service={FORM}"), timeout=30
    )
    header, row = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))[:2]
    cells = dict(zip(header, row, strict=True))
    assert cells["和您共同生活的家庭成员"] == "2"
    assert cells["这位家庭成员的姓名"] == f"{spouse['member_name']} | {grandchild['member_name']}"
    assert cells["这位家庭成员每个月的收入大约多少钱？"] == "400 元/月 | 0 元/月"


def test_answers_beyond_the_protocols_bounds_are_refused_clearly(platform: Platform) -> None:
    credential = platform.credential("LQ03")
    member = {"member_name": "李建国"}
    cases = [
        {"members": [member] * (MAX_REPEAT_ITEMS + 1)},
        {"members": [{"member_name": {"nested": "object"}}]},
        {"members": [{"k" * 65: "x"}]},
        {"members": [{"member_name": [1, 2]}]},
        {"full_name": "x" * 10_001},
        {"full_name": {"an": "object"}},
    ]
    for answers in cases:
        answer = submit(platform, credential, [record(answers=answers)])
        assert answer.status_code == 422, (str(answers)[:60], answer.text[:200])
        assert "code" in answer.json()
    fine = submit(platform, credential, [record(answers={"members": [member] * MAX_REPEAT_ITEMS})])
    assert fine.status_code == 200
