"""``POST /applications/by-id`` over HTTP on both databases: answers, limits, audit."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import requests

from central import id_lookup
from central.decisions import Decision, decide
from kiosk.clock import FixedClock
from kiosk.forms.idnumber import check_character
from sync.protocol import ApplicationStatus
from tests.central.platform import Platform
from tests.central.test_api import outcomes, record, submit

BODY = "52263419560312123"
NUMBER = BODY + check_character(BODY)
OTHER_BODY = "52263419800101123"
OTHER = OTHER_BODY + check_character(OTHER_BODY)
BORN = "1956-03-12"
UNKNOWN = "52263419560312999" + check_character("52263419560312999")
"""Born the same day as NUMBER's holder, never applied."""


def ask(
    platform: Platform, credential: str | None, id_number: str = NUMBER, birth_date: str = BORN
) -> requests.Response:
    """Ask the platform as a kiosk does."""
    headers = {} if credential is None else {"Authorization": f"Bearer {credential}"}
    return requests.post(
        f"{platform.url}/api/v1/applications/by-id",
        json={"id_number": id_number, "birth_date": birth_date},
        headers=headers,
        timeout=30,
    )


def _applied(platform: Platform, kiosk: str, id_number: str, **answers: Any) -> dict[str, Any]:
    item = record(kiosk, answers={"full_name": "张三", "id_number": id_number, **answers})
    assert outcomes(submit(platform, platform.credential(kiosk), [item])) == ["stored"]
    return item


def test_a_person_sees_their_applications_from_every_kiosk_and_nothing_personal(
    platform: Platform,
) -> None:
    here = _applied(platform, "LQ03", NUMBER, birth_date=BORN)
    elsewhere = _applied(platform, "LQ04", NUMBER)
    _applied(platform, "LQ03", OTHER)
    with platform.database.transaction() as connection:
        decision = Decision(ApplicationStatus.APPROVED, "", "zh_CN")
        decide(connection, elsewhere["uuid"], decision, platform.clock.now())

    answer = ask(platform, platform.credential("LQ03"))

    assert answer.status_code == 200, answer.text
    found = {item["tracking_number"]: item for item in answer.json()["applications"]}
    assert set(found) == {here["tracking_number"], elsewhere["tracking_number"]}
    assert found[elsewhere["tracking_number"]]["status"] == "approved"
    assert found[here["tracking_number"]] == {
        "form_id": here["form_id"],
        "form_version": 1,
        "tracking_number": here["tracking_number"],
        "status": "received",
        "day": platform.clock.now().date().isoformat(),
    }
    assert "张三" not in answer.text and NUMBER not in answer.text


def test_a_wrong_birth_date_is_answered_like_an_unknown_id_number(platform: Platform) -> None:
    _applied(platform, "LQ03", NUMBER)
    _applied(platform, "LQ03", OTHER, birth_date="1980-01-02")  # recorded another date
    credential = platform.credential("LQ03")

    unknown = ask(platform, credential, UNKNOWN)
    wrong_date = ask(platform, credential, NUMBER, "1956-03-13")
    recorded_otherwise = ask(platform, credential, OTHER, "1980-01-01")

    assert unknown.status_code == wrong_date.status_code == recorded_otherwise.status_code == 200
    assert unknown.json() == wrong_date.json() == recorded_otherwise.json() == {"applications": []}


@pytest.mark.parametrize(
    ("id_number", "birth_date"),
    [
        ("5226341956031212", BORN),  # 16 characters
        ("X" + NUMBER[1:], BORN),
        (NUMBER + "1", BORN),
        (NUMBER, "12/03/1956"),
        (NUMBER, "1956-03-12T00:00:00"),
    ],
)
def test_malformed_questions_get_a_clear_422_and_are_not_counted(
    platform: Platform, id_number: str, birth_date: str
) -> None:
    answer = ask(platform, platform.credential("LQ03"), id_number, birth_date)

    assert answer.status_code == 422, answer.text
    assert answer.json()["code"] == "invalid_request"
    assert platform.count("SELECT COUNT(*) FROM id_lookups") == 0


@pytest.mark.parametrize(
    ("id_number", "birth_date"),
    [
        (NUMBER[:17] + ("0" if NUMBER[17] != "0" else "1"), BORN),  # wrong check character
        (NUMBER, "1956-02-30"),
        (NUMBER, "2027-01-01"),  # after the platform's today
        ("000000000000000000", "0000-00-00"),
    ],
)
def test_impossible_questions_find_nothing_and_count(
    platform: Platform, id_number: str, birth_date: str
) -> None:
    _applied(platform, "LQ03", NUMBER)

    answer = ask(platform, platform.credential("LQ03"), id_number, birth_date)

    assert answer.status_code == 200, answer.text
    assert answer.json() == {"applications": []}
    assert platform.count("SELECT COUNT(*) FROM id_lookups") == 1


def test_a_huge_body_is_refused_before_it_is_read(platform: Platform) -> None:
    answer = requests.post(
        f"{platform.url}/api/v1/applications/by-id",
        data=b'{"id_number": "' + b"1" * 1_000_000 + b'"}',
        headers={
            "Authorization": f"Bearer {platform.credential('LQ03')}",
            "Content-Type": "application/json",
        },
        timeout=30,
    )

    assert answer.status_code == 413
    assert answer.json()["code"] == "body_too_large"


def test_only_an_enrolled_kiosk_may_ask(platform: Platform) -> None:
    assert ask(platform, None).status_code == 401
    assert ask(platform, "LQ03.not-the-right-secret-at-all").status_code == 401


def test_one_id_number_can_be_asked_about_only_a_few_times_an_hour(platform: Platform) -> None:
    clock = platform.clock
    assert isinstance(clock, FixedClock)
    first, second = platform.credential("LQ03"), platform.credential("LQ04")
    for turn in range(id_lookup.PER_ID_PER_HOUR):
        assert ask(platform, first if turn % 2 else second).status_code == 200

    refused = ask(platform, first)
    other_person = ask(platform, first, OTHER, "1980-01-01")
    clock.advance(id_lookup.WINDOW + timedelta(seconds=1))
    later = ask(platform, second)

    assert refused.status_code == 429 and refused.json()["code"] == "too_many_lookups"
    assert other_person.status_code == 200
    assert later.status_code == 200


def test_one_kiosk_can_ask_only_so_often_an_hour_whoever_it_asks_about(
    platform: Platform,
) -> None:
    credential = platform.credential("LQ03")
    for turn in range(id_lookup.PER_KIOSK_PER_HOUR):
        body = f"5226341956{turn // 28 + 1:02d}{turn % 28 + 1:02d}123"
        number = body + check_character(body)
        born = f"1956-{number[10:12]}-{number[12:14]}"
        assert ask(platform, credential, number, born).status_code == 200

    assert ask(platform, credential, OTHER, "1980-01-01").status_code == 429
    assert ask(platform, platform.credential("LQ04"), OTHER, "1980-01-01").status_code == 200


def test_every_question_is_audited_with_the_id_number_hashed(platform: Platform) -> None:
    _applied(platform, "LQ03", NUMBER)
    credential = platform.credential("LQ03")
    ask(platform, credential)
    ask(platform, credential, NUMBER, "1956-03-13")

    with platform.database.transaction() as connection:
        rows = connection.query("SELECT kiosk_code, id_lookup, outcome FROM id_lookups ORDER BY id")

    assert [(row[0], row[2]) for row in rows] == [
        ("LQ03", id_lookup.Outcome.ANSWERED),
        ("LQ03", id_lookup.Outcome.NOTHING_FOUND),
    ]
    assert all(len(str(row[1])) == 64 and NUMBER not in str(row[1]) for row in rows)
