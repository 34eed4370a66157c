"""Tracking numbers: every issued number reads back, every single slip is caught.

A number is read off a receipt, over the phone, or typed with one finger;
the check character must catch one wrong or swapped character, and no
input at all may make the reader raise anything but the refusal it names.
"""

from __future__ import annotations

import datetime

from hypothesis import assume, given
from hypothesis import strategies as st

from kiosk import tracking
from kiosk.errors import InvalidTrackingNumberError
from kiosk.tracking import ALPHABET, TrackingNumber, check_character
from tests.fuzz.profile import FUZZ

kiosk_codes = st.text(alphabet=ALPHABET, min_size=2, max_size=8)
days = st.dates(datetime.date(2000, 1, 1), datetime.date(2099, 12, 31))


@st.composite
def issued(draw: st.DrawFn) -> TrackingNumber:
    """A number the kiosk could issue (its check character is not '*')."""
    code, day = draw(kiosk_codes), draw(days)
    sequence = draw(st.integers(1, tracking.MAX_SEQUENCE))
    check = check_character(f"{code}{day:%y%m%d}{sequence:04d}")
    assume(check is not None)
    assert check is not None
    return TrackingNumber(code, day, sequence, check)


def reads_as(text: str) -> TrackingNumber | None:
    """The parsed number, or None when it is refused (the only other allowed answer)."""
    try:
        return tracking.parse(text)
    except InvalidTrackingNumberError as refusal:
        assert str(refusal)
        return None


@FUZZ
@given(issued(), st.sampled_from(["{}", "{} ", " {}", "{}".lower()]), st.booleans())
def test_issued_numbers_read_back_however_typed(
    number: TrackingNumber, layout: str, without_dashes: bool
) -> None:
    text = number.text.replace("-", "") if without_dashes else number.text
    assert reads_as(layout.format(text).lower()) == number
    assert reads_as(layout.format(text)) == number


@FUZZ
@given(issued(), st.data())
def test_any_single_changed_character_is_caught(
    number: TrackingNumber, data: st.DataObject
) -> None:
    compact = number.text.replace("-", "")
    position = data.draw(st.integers(0, len(compact) - 1))
    replacement = data.draw(st.sampled_from(ALPHABET).filter(lambda c: c != compact[position]))
    changed = compact[:position] + replacement + compact[position + 1 :]
    # O, I and L read as digits in the date and sequence: that is forgiveness, not a slip.
    assume(not _shaped(changed) or tracking.normalise(changed) != number.text)
    assert reads_as(changed) is None


@FUZZ
@given(issued(), st.data())
def test_any_swapped_pair_is_caught(number: TrackingNumber, data: st.DataObject) -> None:
    compact = number.text.replace("-", "")
    first = data.draw(st.integers(0, len(compact) - 2))
    second = data.draw(st.integers(first + 1, len(compact) - 1))
    assume(compact[first] != compact[second])
    chars = list(compact)
    chars[first], chars[second] = chars[second], chars[first]
    assert reads_as("".join(chars)) is None


@FUZZ
@given(st.text(max_size=40))
def test_any_text_is_read_or_refused(text: str) -> None:
    found = reads_as(text)
    if found is not None:
        assert reads_as(found.text) == found


@FUZZ
@given(st.text(alphabet=ALPHABET + "-", min_size=13, max_size=22))
def test_random_numbers_are_refused_unless_their_check_matches(text: str) -> None:
    found = reads_as(text)
    if found is not None:  # one in 37 passes the check by chance: it must then be consistent
        assert check_character(found.text.replace("-", "")[:-1]) == found.check


def _shaped(text: str) -> bool:
    """Whether the text lays out as a number at all (before its check is looked at)."""
    try:
        tracking.normalise(text)
    except InvalidTrackingNumberError:
        return False
    return True
