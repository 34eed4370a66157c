"""The web console over HTTP on a served platform (SQLite and PostgreSQL): sign-in with
a second factor, the queue, an application, a decision reaching the kiosk's feed,
roles, CSRF, lock-out, escaping and enrolment."""

from __future__ import annotations

import io
import re
import uuid as uuid_module
from datetime import date, timedelta
from typing import Any

import pyotp
import pytest
import requests
from openpyxl import load_workbook

from central.console import accounts
from central.console.accounts import Role
from kiosk.tracking import check_character
from sync.protocol import EnrolmentInvitation
from tests.central.platform import Platform
from tests.central.test_api import record, submit

PASSWORD = "correct horse battery"
KIOSK = "LQ03"


def tracking_number(kiosk: str, sequence: int) -> str:
    """A valid tracking number of ``kiosk`` (the platform checks the check character)."""
    for number in range(sequence, sequence + 50):
        payload = f"{kiosk}261127{number:04d}"
        check = check_character(payload)
        if check is not None:
            return f"{kiosk}-261127-{number:04d}-{check}"
    raise AssertionError("no issuable sequence")


def add(platform: Platform, username: str, role: Role, **kwargs: Any) -> None:
    """Create a console account directly in the store (as `console-admin add` does)."""
    with platform.database.transaction() as connection:
        accounts.add_account(
            connection, username, username.title(), role, PASSWORD, platform.clock.now(), **kwargs
        )


def csrf_of(page: requests.Response) -> str:
    """The CSRF token a page's forms carry."""
    found = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert found, page.text[:500]
    return found.group(1)


def console(platform: Platform, path: str = "") -> str:
    """The absolute URL of a console page."""
    return f"{platform.url}/console/{path}"


def sign_in(platform: Platform, username: str, totp_secret: str | None = None) -> requests.Session:
    """A browser session signed in as ``username`` (an officer without a second factor)."""
    browser = requests.Session()
    form = browser.get(console(platform, "sign-in"), timeout=30)
    answer = browser.post(
        console(platform, "sign-in"),
        data={"username": username, "password": PASSWORD, "csrf_token": csrf_of(form)},
        timeout=30,
    )
    assert answer.status_code == 200, answer.text[:300]
    if totp_secret is not None:
        answer = browser.post(
            console(platform, "sign-in/code"),
            data={"code": pyotp.TOTP(totp_secret).now(), "csrf_token": csrf_of(answer)},
            timeout=30,
        )
        assert answer.status_code == 200
    return browser


def column_of(platform: Platform, uuid: str, column: str) -> object:
    """One column of a stored application."""
    with platform.database.transaction() as connection:
        return connection.query(f"SELECT {column} FROM applications WHERE uuid = ?", [uuid])[0][0]


def submitted(platform: Platform, answers: dict[str, Any], language: str = "zh_CN") -> str:
    """Send one application from the kiosk; returns its UUID."""
    credential = platform.credential(KIOSK)
    item = record(
        uuid=str(uuid_module.uuid4()),
        tracking_number=tracking_number(KIOSK, 1),
        answers=answers,
        language=language,
    )
    assert submit(platform, credential, [item]).status_code == 200
    return str(item["uuid"])


def test_an_administrator_sets_up_a_second_factor_at_first_sign_in(platform: Platform) -> None:
    add(platform, "admin", Role.ADMINISTRATOR)
    browser = requests.Session()
    form = browser.get(console(platform, "sign-in"), timeout=30)
    setup = browser.post(
        console(platform, "sign-in"),
        data={"username": "admin", "password": PASSWORD, "csrf_token": csrf_of(form)},
        timeout=30,
    )
    assert setup.url.endswith("/console/second-factor")
    assert "<svg" in setup.text
    # Without the second factor nothing else opens.
    assert browser.get(console(platform, "applications"), timeout=30).url.endswith("/sign-in")
    secret = re.search(r'name="secret" value="([A-Z2-7]+)"', setup.text)
    assert secret
    wrong = browser.post(
        console(platform, "second-factor"),
        data={"secret": secret.group(1), "code": "000000", "csrf_token": csrf_of(setup)},
        timeout=30,
    )
    assert wrong.status_code == 401
    done = browser.post(
        console(platform, "second-factor"),
        data={
            "secret": secret.group(1),
            "code": pyotp.TOTP(secret.group(1)).now(),
            "csrf_token": csrf_of(setup),
        },
        timeout=30,
    )
    assert done.url.endswith("/console/applications")
    # The next sign-in asks for the code.
    again = sign_in(platform, "admin", totp_secret=secret.group(1))
    assert "申请" in again.get(console(platform, "applications"), timeout=30).text


def test_an_officer_reads_and_decides_and_the_kiosk_feed_carries_the_note(
    platform: Platform,
) -> None:
    uuid = submitted(platform, {"full_name": "阿依古丽", "id_number": "110101195603121234"}, "ug")
    add(platform, "officer", Role.OFFICER, language="en")
    browser = sign_in(platform, "officer")
    queue = browser.get(console(platform, "applications"), timeout=30)
    assert tracking_number(KIOSK, 1) in queue.text
    detail = browser.get(console(platform, f"applications/{uuid}"), timeout=30)
    assert "阿依古丽" in detail.text
    assert "application.view" in detail.text  # the look itself is in the trail shown
    decided = browser.post(
        console(platform, f"applications/{uuid}/status"),
        data={
            "status": "documents_needed",
            "document": ["ئائىلە تىزىملىكى", "بانكا كارتىسى"],
            "note": "",
            "csrf_token": csrf_of(detail),
        },
        timeout=30,
    )
    assert decided.status_code == 200
    credential = platform.credential(KIOSK)
    feed = requests.get(
        f"{platform.url}/api/v1/status-updates",
        headers={"Authorization": f"Bearer {credential}"},
        timeout=30,
    ).json()
    (update,) = feed["updates"]
    assert update["status"] == "documents_needed"
    note = update["note"]["ug"]
    assert "ئائىلە تىزىملىكى" in note and "بانكا كارتىسى" in note  # every document, at once


def test_documents_needed_pauses_the_deadline(platform: Platform) -> None:
    uuid = submitted(platform, {"full_name": "张三"})
    add(platform, "officer", Role.OFFICER)
    browser = sign_in(platform, "officer")
    detail = browser.get(console(platform, f"applications/{uuid}"), timeout=30)
    with platform.database.transaction() as connection:
        due_before = str(
            connection.query("SELECT due_on FROM applications WHERE uuid = ?", [uuid])[0][0]
        )
    browser.post(
        console(platform, f"applications/{uuid}/status"),
        data={"status": "documents_needed", "document": ["户口簿"], "csrf_token": csrf_of(detail)},
        timeout=30,
    )
    platform.clock.advance(timedelta(days=14))  # type: ignore[attr-defined]
    browser = sign_in(platform, "officer")  # the session did not outlive a fortnight
    detail = browser.get(console(platform, f"applications/{uuid}"), timeout=30)
    browser.post(
        console(platform, f"applications/{uuid}/status"),
        data={"status": "in_review", "csrf_token": csrf_of(detail)},
        timeout=30,
    )
    with platform.database.transaction() as connection:
        due_after = str(
            connection.query("SELECT due_on FROM applications WHERE uuid = ?", [uuid])[0][0]
        )
    assert date.fromisoformat(due_after) - date.fromisoformat(due_before) >= timedelta(days=14)


def test_a_supervisor_reads_but_cannot_decide(platform: Platform) -> None:
    uuid = submitted(platform, {"full_name": "张三"})
    add(platform, "supervisor", Role.SUPERVISOR)
    browser = sign_in(platform, "supervisor")
    detail = browser.get(console(platform, f"applications/{uuid}"), timeout=30)
    assert detail.status_code == 200
    refused = browser.post(
        console(platform, f"applications/{uuid}/status"),
        data={"status": "approved", "csrf_token": csrf_of(detail)},
        timeout=30,
    )
    assert refused.status_code == 403
    assert "<html" in refused.text  # a page, not a traceback or JSON
    audit = browser.get(console(platform, "audit"), timeout=30)
    assert "access.refused" in audit.text


def test_an_officer_sees_only_the_services_assigned(platform: Platform) -> None:
    uuid = submitted(platform, {"full_name": "张三"})
    add(platform, "officer", Role.OFFICER, services=("medical-insurance-enrolment",))
    browser = sign_in(platform, "officer")
    assert (
        tracking_number(KIOSK, 1)
        not in browser.get(console(platform, "applications"), timeout=30).text
    )
    assert browser.get(console(platform, f"applications/{uuid}"), timeout=30).status_code == 403


def test_a_form_without_the_csrf_token_is_refused(platform: Platform) -> None:
    uuid = submitted(platform, {"full_name": "张三"})
    add(platform, "officer", Role.OFFICER)
    browser = sign_in(platform, "officer")
    refused = browser.post(
        console(platform, f"applications/{uuid}/status"), data={"status": "approved"}, timeout=30
    )
    assert refused.status_code == 403
    with platform.database.transaction() as connection:
        assert (
            connection.query("SELECT status FROM applications WHERE uuid = ?", [uuid])[0][0] is None
        )


def test_five_wrong_passwords_lock_the_account(platform: Platform) -> None:
    add(platform, "officer", Role.OFFICER)
    browser = requests.Session()
    for _ in range(5):
        form = browser.get(console(platform, "sign-in"), timeout=30)
        answer = browser.post(
            console(platform, "sign-in"),
            data={
                "username": "officer",
                "password": "wrong password!",
                "csrf_token": csrf_of(form),
            },
            timeout=30,
        )
        assert answer.status_code == 401
    form = browser.get(console(platform, "sign-in"), timeout=30)
    locked = browser.post(
        console(platform, "sign-in"),
        data={"username": "officer", "password": PASSWORD, "csrf_token": csrf_of(form)},
        timeout=30,
    )
    assert locked.status_code == 403


def test_answers_are_escaped(platform: Platform) -> None:
    hostile = '<script>alert("x")</script> ئابدۇ 张'
    uuid = submitted(platform, {"full_name": hostile})
    add(platform, "officer", Role.OFFICER)
    browser = sign_in(platform, "officer")
    detail = browser.get(console(platform, f"applications/{uuid}"), timeout=30)
    assert "<script>alert" not in detail.text
    assert "&lt;script&gt;alert" in detail.text


def test_an_administrator_enrols_a_kiosk_with_a_qr_code(platform: Platform) -> None:
    secret = pyotp.random_base32()
    add(platform, "admin", Role.ADMINISTRATOR)
    with platform.database.transaction() as connection:
        accounts.set_totp_secret(connection, "admin", secret)
    browser = sign_in(platform, "admin", totp_secret=secret)
    kiosks = browser.get(console(platform, "kiosks"), timeout=30)
    shown = browser.post(
        console(platform, "kiosks"),
        data={"code": "NEW1", "name": "新村", "township": "城关镇", "csrf_token": csrf_of(kiosks)},
        timeout=30,
    )
    assert "<svg" in shown.text
    code = re.search(r'<code class="secret">([0-9A-F]+)</code>', shown.text)
    assert code
    enrolled = requests.post(
        f"{platform.url}/api/v1/enrolment", json={"enrolment_code": code.group(1)}, timeout=30
    )
    assert enrolled.status_code == 200
    invitation = EnrolmentInvitation(central=platform.url, code=code.group(1))
    assert invitation.code == code.group(1)


def test_signed_out_visitors_are_sent_to_sign_in(platform: Platform) -> None:
    answer = requests.get(console(platform, "applications"), timeout=30)
    assert answer.url.endswith("/console/sign-in")
    assert "<form" in answer.text


@pytest.mark.parametrize("path", ["applications/not-a-uuid", "kiosks/ZZ/revoke"])
def test_unknown_things_are_a_page_not_a_500(platform: Platform, path: str) -> None:
    add(platform, "officer", Role.OFFICER)
    browser = sign_in(platform, "officer")
    answer = browser.get(console(platform, path), timeout=30)
    assert 400 <= answer.status_code < 500


def test_a_complaint_is_read_audited_and_closed(platform: Platform) -> None:
    credential = platform.credential(KIOSK)
    complaint: dict[str, Any] = {
        "uuid": str(uuid_module.uuid4()),
        "created_at": "2026-11-27T03:30:12.000000Z",
        "language": "ug",
        "rating": 1,
        "topic": "waiting",
        "comment": "<b>ئۈچ سائەت</b> ساقلىدىم",
        "contact": "13800138000",
    }
    sent = requests.post(
        f"{platform.url}/api/v1/feedback",
        json={"items": [complaint]},
        headers={"Authorization": f"Bearer {credential}"},
        timeout=30,
    )
    assert sent.status_code == 200, sent.text
    add(platform, "officer", Role.OFFICER)
    browser = sign_in(platform, "officer")
    page = browser.get(console(platform, "feedback"), timeout=30)
    assert "13800138000" in page.text and "&lt;b&gt;" in page.text
    closed = browser.post(
        console(platform, f"feedback/{complaint['uuid']}/close"),
        data={"reply": "已电话答复，增加了一名窗口人员。", "csrf_token": csrf_of(page)},
        timeout=30,
    )
    assert "13800138000" not in closed.text  # no longer open
    with platform.database.transaction() as connection:
        actions = {str(row[0]) for row in connection.query("SELECT action FROM console_audit")}
    assert {"feedback.view", "feedback.close"} <= actions


def test_statistics_count_an_on_time_decision(platform: Platform) -> None:
    uuid = submitted(platform, {"full_name": "张三"})
    add(platform, "officer", Role.OFFICER)
    officer = sign_in(platform, "officer")
    detail = officer.get(console(platform, f"applications/{uuid}"), timeout=30)
    officer.post(
        console(platform, f"applications/{uuid}/status"),
        data={"status": "approved", "csrf_token": csrf_of(detail)},
        timeout=30,
    )
    add(platform, "supervisor", Role.SUPERVISOR)
    page = sign_in(platform, "supervisor").get(console(platform, "statistics"), timeout=30)
    assert "<svg" in page.text
    assert "100.0 %" in page.text  # decided the day it arrived: on time
    assert officer.get(console(platform, "statistics"), timeout=30).status_code == 403


def test_exports_flatten_answers_per_question(platform: Platform) -> None:
    submitted(platform, {"full_name": "王秀英", "hukou_type": "rural"})
    add(platform, "officer", Role.OFFICER)
    browser = sign_in(platform, "officer")
    query = "?service=rural-pension-enrolment"
    csv_answer = browser.get(console(platform, f"exports/applications.csv{query}"), timeout=30)
    assert csv_answer.status_code == 200
    text = csv_answer.content.decode("utf-8-sig")
    header, row = text.splitlines()[:2]
    assert "姓名" in header and "tracking_number" in header
    assert "王秀英" in row
    xlsx_answer = browser.get(console(platform, f"exports/applications.xlsx{query}"), timeout=30)
    book = load_workbook(io.BytesIO(xlsx_answer.content), read_only=True)
    sheet = book["applications"]
    values = [cell.value for cell in next(sheet.iter_rows(min_row=2, max_row=2))]
    assert "王秀英" in values


def test_answers_are_encrypted_at_rest_and_found_by_id_number(platform: Platform) -> None:
    id_number = "11010119560312123X"
    uuid = submitted(platform, {"full_name": "王秀英", "id_number": id_number})
    stored = str(column_of(platform, uuid, "answers"))
    assert stored.startswith("env1:") and "王秀英" not in stored and id_number not in stored
    lookup = str(column_of(platform, uuid, "id_lookup"))
    assert id_number not in lookup and len(lookup) == 64
    add(platform, "officer", Role.OFFICER)
    browser = sign_in(platform, "officer")
    found = browser.get(
        console(platform, "applications"), params={"q": "110101 19560312 123x"}, timeout=30
    )
    assert tracking_number(KIOSK, 1) in found.text  # typed in groups, lower-case x: still found
    detail = browser.get(console(platform, f"applications/{uuid}"), timeout=30)
    assert "王秀英" in detail.text  # decrypted for the officer
