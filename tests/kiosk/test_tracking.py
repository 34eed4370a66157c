"""Tracking numbers: format, uniqueness, the check character, forgiving input."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlite_utils import Database

from kiosk import tracking
from kiosk.applications import ApplicationStore
from kiosk.clock import FixedClock
from kiosk.errors import InvalidTrackingNumberError, TrackingExhaustedError
from kiosk.kiosk_code import is_valid_kiosk_code
from kiosk.services import KIOSK_TIME_ZONE
from kiosk.store import transaction
from kiosk.tracking import ALPHABET, check_character

DAY = date(2026, 11, 27)


def _issuable(kiosk_code: str, day: date, count: int) -> list[str]:
    """The first ``count`` numbers a kiosk would issue on a day (skipping '*')."""
    numbers: list[str] = []
    sequence = 0
    while len(numbers) < count:
        sequence += 1
        payload = f"{kiosk_code}{day:%y%m%d}{sequence:04d}"
        check = check_character(payload)
        if check is not None:
            numbers.append(f"{kiosk_code}-{day:%y%m%d}-{sequence:04d}-{check}")
    return numbers


def _sample() -> list[str]:
    rng = random.Random(20261127)
    codes = [
        "LQ03",
        "DEMO01",
        "AB",
        "Z9Z9Z9Z9",
        *("".join(rng.choices(ALPHABET, k=rng.randint(2, 8))) for _ in range(40)),
    ]
    numbers: list[str] = []
    for code in codes:
        day = date(2000, 1, 1) + timedelta(days=rng.randrange(36500))
        numbers.extend(rng.sample(_issuable(code, day, 200), 5))
    return numbers


def test_allocated_numbers_have_the_documented_shape(db: Database) -> None:
    with transaction(db):
        number = tracking.allocate(db, "LQ03", DAY)
    assert number == _issuable("LQ03", DAY, 1)[0]
    assert number.startswith("LQ03-261127-0001-")
    assert len(number) == len("LQ03-261127-0001-K")
    assert tracking.is_valid(number)
    parsed = tracking.parse(number)
    assert (parsed.kiosk_code, parsed.day, parsed.sequence) == ("LQ03", DAY, 1)
    assert parsed.text == str(parsed) == number


def test_allocation_needs_the_callers_transaction(db: Database) -> None:
    with pytest.raises(RuntimeError, match="inside"):
        tracking.allocate(db, "LQ03", DAY)


def test_a_rolled_back_allocation_gives_its_number_back(db: Database) -> None:
    with pytest.raises(LookupError), transaction(db):
        tracking.allocate(db, "LQ03", DAY)
        raise LookupError("submit failed later on")
    with transaction(db):
        assert tracking.allocate(db, "LQ03", DAY) == _issuable("LQ03", DAY, 1)[0]


def test_numbers_whose_check_would_be_a_star_are_skipped(db: Database) -> None:
    skipped = next(n for n in range(1, 200) if check_character(f"LQ03{DAY:%y%m%d}{n:04d}") is None)
    with transaction(db):
        numbers = [tracking.allocate(db, "LQ03", DAY) for _ in range(skipped)]
    sequences = [tracking.parse(n).sequence for n in numbers]
    assert skipped not in sequences
    assert sequences[-1] == skipped + 1
    assert numbers == _issuable("LQ03", DAY, skipped)


def test_submits_get_unique_numbers_across_a_day_change(
    store: ApplicationStore, clock: FixedClock
) -> None:
    numbers: list[str] = []
    for _ in range(200):
        numbers.append(
            str(store.submit(store.create_draft("f", 1, "zh_CN").uuid, {}).tracking_number)
        )
        clock.advance(timedelta(minutes=17))  # about 57 hours: crosses two midnights
    assert len(set(numbers)) == len(numbers)
    days = sorted({tracking.parse(n).day for n in numbers})
    assert days == [date(2026, 11, 27), date(2026, 11, 28), date(2026, 11, 29)]
    for day in days:  # each day's sequence starts at 0001 and has no gaps but skipped '*'
        todays = [n for n in numbers if tracking.parse(n).day == day]
        assert todays == _issuable("LQ03", day, len(todays))


def test_the_clock_going_back_never_repeats_a_number(
    store: ApplicationStore, clock: FixedClock
) -> None:
    first = [
        store.submit(store.create_draft("f", 1, "zh_CN").uuid, {}).tracking_number for _ in range(5)
    ]
    clock.set(clock.now() + timedelta(days=1))
    store.submit(store.create_draft("f", 1, "zh_CN").uuid, {})
    clock.set(clock.now() - timedelta(days=1))  # the RTC was wrong, then corrected
    later = [
        store.submit(store.create_draft("f", 1, "zh_CN").uuid, {}).tracking_number for _ in range(5)
    ]
    assert not set(first) & set(later)


def test_the_day_is_the_kiosks_local_day(db: Database) -> None:
    late_evening_utc = FixedClock(datetime(2026, 11, 27, 17, 0, tzinfo=UTC))  # 01:00 in Beijing
    store = ApplicationStore(db, late_evening_utc, "LQ03", zone=ZoneInfo("Asia/Shanghai"))
    number = store.submit(store.create_draft("f", 1, "zh_CN").uuid, {}).tracking_number
    assert number is not None
    assert tracking.parse(number).day == date(2026, 11, 28)


def test_the_kiosks_zone_is_china_standard_time_for_every_time_it_takes() -> None:
    """The kiosk's fixed UTC+8 agrees with the time-zone database's Asia/Shanghai from
    1992 (the last summer time ended in 1991) through the kiosk's working life."""
    shanghai = ZoneInfo("Asia/Shanghai")
    moments = [
        datetime(year, month, 1, 16, 30, tzinfo=UTC)
        for year in range(1992, 2061, 3)
        for month in (1, 4, 7, 10)
    ]
    assert [m.astimezone(KIOSK_TIME_ZONE).isoformat() for m in moments] == [
        m.astimezone(shanghai).isoformat() for m in moments
    ]


def test_a_day_runs_out_after_9999_numbers(store: ApplicationStore, db: Database) -> None:
    db.execute(
        "INSERT INTO tracking_sequence (kiosk_code, day, last_value) VALUES ('LQ03', ?, 9999)",
        [DAY.isoformat()],
    )
    draft = store.create_draft("f", 1, "zh_CN")
    with pytest.raises(TrackingExhaustedError) as caught:
        store.submit(draft.uuid, {})
    assert caught.value.code == "tracking_exhausted"
    assert store.get(draft.uuid).tracking_number is None


def test_every_single_substitution_is_caught() -> None:
    for number in _sample():
        compact = number.replace("-", "")
        for position, original in enumerate(compact):
            for replacement in ALPHABET:
                if replacement == original:
                    continue
                typo = compact[:position] + replacement + compact[position + 1 :]
                assert check_character(typo[:-1]) != typo[-1], (number, typo)
                if tracking.is_valid(typo):
                    # Only a look-alike letter typed in a digit field is accepted,
                    # and then it reads as the very same number.
                    assert replacement in "OIL"
                    assert tracking.normalise(typo) == number


def test_every_adjacent_transposition_is_caught() -> None:
    for number in _sample():
        compact = number.replace("-", "")
        for position in range(len(compact) - 1):
            a, b = compact[position], compact[position + 1]
            if a == b:
                continue
            typo = compact[:position] + b + a + compact[position + 2 :]
            assert check_character(typo[:-1]) != typo[-1], (number, typo)
            assert not tracking.is_valid(typo), (number, typo)


def test_typed_numbers_are_normalised() -> None:
    number = _issuable("LQ03", DAY, 42)[-1]
    compact = number.replace("-", "")
    spaced = " ".join(number.split("-")).lower()
    full_width = "".join(chr(ord(c) + 0xFEE0) if c != "-" else "－" for c in number)
    lookalikes = number[:5] + number[5:16].replace("0", "O").replace("1", "l") + number[16:]
    for typed in (compact, spaced, full_width, f"  {number}  ", lookalikes):
        assert tracking.normalise(typed) == number
        assert tracking.parse(typed).text == number


@pytest.mark.parametrize(
    "text",
    [
        "",
        "LQ03-2611",
        "LQ03-261127-0042",  # no check character
        "LQ03-26X127-0042-K",  # a letter in the date
        "ABCDEFGHI-261127-0042-K",  # kiosk code too long
        "LQ03-261127-0042-*",
        "龙泉-261127-0042-K",
    ],
)
def test_malformed_text_is_refused(text: str) -> None:
    with pytest.raises(InvalidTrackingNumberError):
        tracking.parse(text)
    assert not tracking.is_valid(text)


@pytest.mark.parametrize(
    ("day_text", "sequence_text", "problem"),
    [("261327", "0001", "real date"), ("260230", "0001", "real date"), ("261127", "0000", "0000")],
)
def test_impossible_dates_and_sequence_zero_are_refused(
    day_text: str, sequence_text: str, problem: str
) -> None:
    # A kiosk code for which the check character exists, so only the date or sequence is wrong.
    code = next(
        c for c in ("LQ03", "LQ04", "LQ05") if check_character(c + day_text + sequence_text)
    )
    text = f"{code}-{day_text}-{sequence_text}-{check_character(code + day_text + sequence_text)}"
    with pytest.raises(InvalidTrackingNumberError, match=problem):
        tracking.parse(text)


@pytest.mark.parametrize("code", ["LQ03", "DEMO01", "AB", "12345678"])
def test_valid_kiosk_codes(code: str) -> None:
    assert is_valid_kiosk_code(code)


@pytest.mark.parametrize("code", ["", "A", "lq03", "LQ-03", "123456789", "LQ 3", "ＬＱ０３"])
def test_invalid_kiosk_codes(code: str) -> None:
    assert not is_valid_kiosk_code(code)
