"""Checking applications by ID number and date of birth, on a real kiosk database."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlite_utils import Database

from kiosk.applications import ApplicationStore
from kiosk.clock import FixedClock
from kiosk.forms import Claim
from kiosk.forms.idnumber import check_character
from kiosk.identity import IdentityResult, Outcome
from kiosk.status_by_id import (
    CentralAnswer,
    IdQuery,
    LocalFindings,
    QueryProblem,
    StatusSummary,
    combine,
    fields_from_scan,
    find_at_kiosk,
    parse_birth_date,
    parse_query,
)
from kiosk.storage import KioskStorage
from tests.kiosk.conftest import KIOSK_CODE
from tests.kiosk.security_fixtures import locked_keys, protect_with_passphrase

BODY = "52263419560312123"
NUMBER = BODY + check_character(BODY)
OTHER_BODY = "52263419800101123"
OTHER = OTHER_BODY + check_character(OTHER_BODY)
TODAY = date(2026, 11, 27)
BORN = date(1956, 3, 12)
QUERY = IdQuery(NUMBER, BORN)


@pytest.fixture
def storage(db: Database, store: ApplicationStore) -> KioskStorage:
    """The screens' storage on the test database."""
    return KioskStorage(db, store, set_aside=None)


def _submitted(store: ApplicationStore, id_number: str, **answers: object) -> str:
    draft = store.create_draft("rural-pension", 3, "zh_CN")
    number = store.submit(draft.uuid, {"id_number": id_number, **answers}).tracking_number
    assert number is not None
    return number


def _no_status(db: Database, uuid: str) -> tuple[str, str] | None:
    return None


@pytest.mark.parametrize(
    ("typed_id", "typed_date"),
    [
        (NUMBER, "1956-03-12"),
        (NUMBER.lower() if NUMBER.endswith("X") else NUMBER, "19560312"),
        (f"{NUMBER[:6]} {NUMBER[6:14]} {NUMBER[14:]}", "1956.3.12"),
        ("５２２６３４" + NUMBER[6:], "1956/03/12"),  # full-width digits from a Chinese IME
    ],
)
def test_a_query_is_read_as_people_type_it(typed_id: str, typed_date: str) -> None:
    assert parse_query(typed_id, typed_date, TODAY) == QUERY


@pytest.mark.parametrize(
    "typed_id",
    ["", "5226341956031212", NUMBER + "1", NUMBER[:17] + "Y", "X" + NUMBER[1:], "A" * 10_000],
)
def test_a_malformed_id_number_is_named_as_such(typed_id: str) -> None:
    assert parse_query(typed_id, "1956-03-12", TODAY) is QueryProblem.ID_NUMBER


@pytest.mark.parametrize(
    "typed_date", ["", "1956-02-30", "12-03-1956", "yesterday", "2027-01-01", "9" * 5000]
)
def test_an_impossible_or_future_birth_date_is_named_as_such(typed_date: str) -> None:
    assert parse_query(NUMBER, typed_date, TODAY) is QueryProblem.BIRTH_DATE


def test_birth_dates_are_read_year_first() -> None:
    assert parse_birth_date("2026-11-27") == TODAY
    assert parse_birth_date("20261127") == TODAY
    assert parse_birth_date("27.11.2026") is None


def test_the_kiosks_own_submitted_applications_are_found_newest_first(
    storage: KioskStorage, store: ApplicationStore, clock: FixedClock
) -> None:
    first = _submitted(store, NUMBER, birth_date="1956-03-12")
    clock.advance(timedelta(minutes=1))
    second = _submitted(store, NUMBER.lower())
    _submitted(store, OTHER)
    store.create_draft("rural-pension", 3, "zh_CN")  # a draft has nothing to tell

    found = find_at_kiosk(storage, QUERY, _no_status)

    assert found.searched
    assert [s.tracking_number for s in found.applications] == [second, first]
    assert found.applications[0] == StatusSummary(
        "rural-pension", 3, second, None, clock.now().date().isoformat()
    )


def test_a_status_known_at_the_kiosk_is_told(
    storage: KioskStorage, store: ApplicationStore
) -> None:
    _submitted(store, NUMBER)

    found = find_at_kiosk(storage, QUERY, lambda db, uuid: ("approved", "2026-12-01T02:00:00Z"))

    [summary] = found.applications
    assert (summary.status, summary.day) == ("approved", "2026-12-01")


def test_a_wrong_birth_date_finds_nothing_like_an_unknown_id(
    storage: KioskStorage, store: ApplicationStore
) -> None:
    _submitted(store, NUMBER)
    unknown = find_at_kiosk(storage, IdQuery(OTHER, date(1980, 1, 1)), _no_status)

    wrong_date = find_at_kiosk(storage, IdQuery(NUMBER, date(1956, 3, 13)), _no_status)

    assert wrong_date == unknown == LocalFindings((), searched=True)


def test_an_application_that_recorded_another_birth_date_is_not_shown(
    storage: KioskStorage, store: ApplicationStore
) -> None:
    _submitted(store, NUMBER, birth_date="1957-01-01")

    assert find_at_kiosk(storage, QUERY, _no_status).applications == ()


def test_a_locked_kiosk_says_it_could_not_search(db: Database, clock: FixedClock) -> None:
    _submitted(ApplicationStore(db, clock, KIOSK_CODE), NUMBER)
    protect_with_passphrase(db, clock)
    locked = ApplicationStore(db, clock, KIOSK_CODE, keys=locked_keys(db))

    found = find_at_kiosk(KioskStorage(db, locked, None), QUERY, _no_status)

    assert found == LocalFindings((), searched=False)


def test_the_centres_answer_wins_and_adds_applications_from_other_kiosks() -> None:
    local = LocalFindings(
        (
            StatusSummary("rural-pension", 3, "LQ03-261127-0002-K", None, "2026-11-27"),
            StatusSummary("rural-pension", 3, "LQ03-261101-0001-K", None, "2026-11-01"),
        ),
        searched=True,
    )
    central = [
        StatusSummary("rural-pension", 3, "LQ03-261101-0001-K", "approved", "2026-11-20"),
        StatusSummary("medical", 1, "AB01-260501-0007-X", "in_review", "2026-05-02"),
    ]

    merged = combine(local, central, central_asked=True)

    assert merged.central is CentralAnswer.INCLUDED
    assert [(s.tracking_number, s.status) for s in merged.applications] == [
        ("LQ03-261127-0002-K", None),
        ("LQ03-261101-0001-K", "approved"),
        ("AB01-260501-0007-X", "in_review"),
    ]


def test_without_the_centre_the_kiosks_findings_are_shown_and_it_is_said() -> None:
    local = LocalFindings(
        (StatusSummary("rural-pension", 3, "LQ03-261127-0002-K", None, "2026-11-27"),), True
    )

    unreachable = combine(local, None, central_asked=True)
    alone = combine(local, None, central_asked=False)

    assert unreachable.applications == alone.applications == local.applications
    assert unreachable.central is CentralAnswer.UNREACHABLE
    assert alone.central is CentralAnswer.NOT_ASKED


def test_a_scanned_id_gives_its_number_and_birth_date_only_when_usable() -> None:
    claims = {Claim.ID_NUMBER: NUMBER, Claim.BIRTH_DATE: "1956-03-12", Claim.NAME: "张三"}
    verified = IdentityResult(Outcome.VERIFIED, "claim169", claims)
    number_only = IdentityResult(Outcome.UNSIGNED, "prc_id_number", {Claim.ID_NUMBER: NUMBER})
    altered = IdentityResult(Outcome.BAD_SIGNATURE, "claim169", claims)

    assert fields_from_scan(verified) == (NUMBER, "1956-03-12")
    assert fields_from_scan(number_only) == (NUMBER, "")
    assert fields_from_scan(altered) is None
