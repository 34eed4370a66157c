"""Local closure days in the console: added and removed by an administrator, audited,
CSRF-checked, translated, and moving the deadlines of open applications (both databases)."""

from __future__ import annotations

from datetime import date

import pyotp
import requests

from central import closures
from central.console import accounts
from central.console.accounts import Role
from central.deadlines import add_working_days
from tests.central.platform import Platform
from tests.central.test_console import add, column_of, console, csrf_of, sign_in, submitted

MONDAY = date(2026, 11, 30)
"""A working day after the platform's pinned clock (Friday 2026-11-27)."""


def _administrator(platform: Platform) -> requests.Session:
    secret = pyotp.random_base32()
    add(platform, "admin", Role.ADMINISTRATOR, language="en")
    with platform.database.transaction() as connection:
        accounts.set_totp_secret(connection, "admin", secret)
    return sign_in(platform, "admin", totp_secret=secret)


def test_a_closure_day_moves_open_deadlines_and_is_audited(platform: Platform) -> None:
    uuid = submitted(platform, {"full_name": "张三"})
    due = date.fromisoformat(str(column_of(platform, uuid, "due_on")))
    assert due >= MONDAY
    browser = _administrator(platform)
    page = browser.get(console(platform, "closure-days"), timeout=30)
    assert "No closure day recorded." in page.text
    added = browser.post(
        console(platform, "closure-days"),
        data={
            "day": MONDAY.isoformat(),
            "reason": "洪水 <b>flood</b>",
            "csrf_token": csrf_of(page),
        },
        timeout=30,
    )
    assert added.status_code == 200  # followed to the list
    assert MONDAY.isoformat() in added.text and "A working day lost" in added.text
    assert "&lt;b&gt;flood&lt;/b&gt;" in added.text
    later = date.fromisoformat(str(column_of(platform, uuid, "due_on")))
    assert later == add_working_days(due, 1, {MONDAY})
    assert (
        platform.count(
            "SELECT COUNT(*) FROM console_audit WHERE action = 'closure_day.add' AND target = ?",
            (MONDAY.isoformat(),),
        )
        == 1
    )

    removed = browser.post(
        console(platform, f"closure-days/{MONDAY.isoformat()}/remove"),
        data={"csrf_token": csrf_of(added)},
        timeout=30,
    )
    assert "No closure day recorded." in removed.text
    assert date.fromisoformat(str(column_of(platform, uuid, "due_on"))) == due
    assert (
        platform.count("SELECT COUNT(*) FROM console_audit WHERE action = 'closure_day.remove'")
        == 1
    )


def test_a_weekend_closure_changes_no_deadline(platform: Platform) -> None:
    uuid = submitted(platform, {"full_name": "李四"})
    due = column_of(platform, uuid, "due_on")
    with platform.database.transaction() as connection:
        assert closures.close(connection, date(2026, 11, 29), "周日") == 0  # a Sunday
    assert column_of(platform, uuid, "due_on") == due


def test_only_an_administrator_with_the_form_token_changes_closure_days(
    platform: Platform,
) -> None:
    add(platform, "officer", Role.OFFICER, language="en")
    officer = sign_in(platform, "officer")
    page = officer.get(console(platform, "closure-days"), timeout=30)
    assert page.status_code == 200 and "Add a closure day" not in page.text
    refused = officer.post(
        console(platform, "closure-days"),
        data={"day": MONDAY.isoformat(), "reason": "x", "csrf_token": csrf_of(page)},
        timeout=30,
    )
    assert refused.status_code == 403
    administrator = _administrator(platform)
    no_token = administrator.post(
        console(platform, "closure-days"), data={"day": MONDAY.isoformat(), "reason": "x"}
    )
    assert no_token.status_code in (400, 403)
    page = administrator.get(console(platform, "closure-days"), timeout=30)
    for bad in ({"day": "30/11/2026", "reason": "x"}, {"day": MONDAY.isoformat(), "reason": " "}):
        answer = administrator.post(
            console(platform, "closure-days"), data={**bad, "csrf_token": csrf_of(page)}
        )
        assert answer.status_code == 400
    assert platform.count("SELECT COUNT(*) FROM closure_days") == 0


def test_the_closure_days_page_speaks_chinese(platform: Platform) -> None:
    add(platform, "officer", Role.OFFICER, language="zh_CN")
    with platform.database.transaction() as connection:
        closures.close(connection, MONDAY, "地方节日")
    text = sign_in(platform, "officer").get(console(platform, "closure-days"), timeout=30).text
    assert "闭馆日" in text and "地方节日" in text and "少一个工作日" in text
