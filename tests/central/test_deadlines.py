"""Working days by the State Council's calendar, local closures, and due dates."""

from __future__ import annotations

from datetime import UTC, date, datetime

from central.deadlines import (
    add_working_days,
    calendar_covers,
    due_date,
    is_working_day,
    working_days_between,
)


def test_national_day_golden_week_is_not_worked_and_its_make_up_saturday_is() -> None:
    assert not is_working_day(date(2026, 10, 1))
    assert not is_working_day(date(2026, 10, 7))
    # 2026's National Day holiday is made up on Saturday 10 October (调休).
    assert is_working_day(date(2026, 10, 10))


def test_five_working_days_from_the_eve_of_national_day() -> None:
    # 30 September 2026 (Wed) + 5 working days: the holiday runs 1–7 October.
    assert add_working_days(date(2026, 9, 30), 5) == date(2026, 10, 13)


def test_a_local_closure_day_moves_the_deadline() -> None:
    start = date(2026, 11, 23)  # a Monday
    assert add_working_days(start, 2) == date(2026, 11, 25)
    assert add_working_days(start, 2, closures={date(2026, 11, 24)}) == date(2026, 11, 26)


def test_years_beyond_the_calendar_fall_back_to_weekends() -> None:
    assert not calendar_covers(date(2031, 1, 6))
    assert is_working_day(date(2031, 1, 6))  # a Monday
    assert not is_working_day(date(2031, 1, 4))  # a Saturday


def test_due_date_counts_from_the_day_at_the_service_centre() -> None:
    # 17:00 UTC on Friday 27 November is already Saturday in Beijing.
    received = datetime(2026, 11, 27, 17, 0, tzinfo=UTC)
    assert due_date(received, 1, ()) == date(2026, 11, 30)
    assert due_date(received, None, ()) == date(2026, 11, 28)


def test_working_days_between_counts_what_a_pause_took() -> None:
    assert working_days_between(date(2026, 11, 27), date(2026, 12, 4)) == 5
    assert working_days_between(date(2026, 12, 4), date(2026, 11, 27)) == 0
