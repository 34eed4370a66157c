"""Tracking numbers: unique without a network, short enough to read over the phone.

Format ``KIOSK-YYMMDD-NNNN-C``, for example ``LQ03-261127-0042-K``:

* ``KIOSK``: the kiosk code, 2 to 8 upper-case letters or digits, unique per
  kiosk (assigned at enrolment);
* ``YYMMDD``: the kiosk's calendar day of the submission;
* ``NNNN``: that kiosk's sequence for that day, from 0001, allocated in the
  submit transaction, so numbers never repeat even across a crash;
* ``C``: a check character.

Kiosk code plus day plus daily sequence is unique as long as kiosk codes are,
with no coordination. Date and sequence have a fixed width, so a number typed
without dashes still splits unambiguously (counting from the end).

Check character: ISO/IEC 7064 MOD 37-2 over the characters without dashes,
with ``0``–``9`` worth 0–9 and ``A``–``Z`` worth 10–35. It is a weighted sum
modulo the prime 37 with weights ``2**k`` (k = distance from the end); 2 has
order 36 modulo 37, so every weight in a number of up to 36 characters is
distinct and invertible. Hence every single-character substitution and every
transposition of two different characters (adjacent or not) changes the sum
and is detected. The standard's 37th check value is ``*``, which is awkward to
say and to type, so a sequence number whose check would be ``*`` is simply
skipped (about one in 37): every issued number is letters, digits and dashes.

Typed input is forgiving: full-width characters, lower case, spaces and
missing or misplaced dashes are accepted, and in the digit-only date and
sequence fields the letters O, I and L are read as 0, 1 and 1.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from kiosk.errors import InvalidTrackingNumberError, TrackingExhaustedError
from kiosk.kiosk_code import is_valid_kiosk_code

if TYPE_CHECKING:  # the terminal tools and the GUI's start-up need no database code
    from sqlite_utils import Database

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
"""Characters of a tracking number; a character's MOD 37-2 value is its index."""

MAX_SEQUENCE = 9999

RESTART_SETTING = "tracking_restarted_at"
"""Setting holding when a damaged database was replaced (UTC timestamp).

Numbers issued that day live in the set-aside file. If its counters could
not be read back, a day near the restart starts its sequence at
RESTART_FLOOR instead of 1, so the new file cannot reissue one of them (no
kiosk issues thousands of numbers in a day)."""

RESTART_FLOOR = 5000
"""The highest daily sequence number (four digits)."""

_MODULUS = 37
_TAIL = 6 + 4 + 1  # date, sequence and check character, counted from the end
_DIGIT_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})


@dataclass(frozen=True)
class TrackingNumber:
    """A parsed, valid tracking number."""

    kiosk_code: str
    day: date
    sequence: int
    check: str

    @property
    def text(self) -> str:
        """The canonical printed form, e.g. ``LQ03-261127-0042-K``."""
        return f"{self.kiosk_code}-{self.day:%y%m%d}-{self.sequence:04d}-{self.check}"

    def __str__(self) -> str:
        return self.text


def check_character(payload: str) -> str | None:
    """MOD 37-2 check character for ``payload`` (no dashes), or None for ``*``.

    None means the number cannot be issued and the next sequence is used.
    """
    total = 0
    for char in payload:
        total = ((total + ALPHABET.index(char)) * 2) % _MODULUS
    value = (_MODULUS + 1 - total) % _MODULUS
    return ALPHABET[value] if value < len(ALPHABET) else None


def allocate(db: Database, kiosk_code: str, day: date) -> str:
    """Take the next tracking number of ``kiosk_code`` for ``day``.

    Must run inside the submit transaction: the counter moves forward in the
    same commit that stores the number, so a rolled-back submit gives its
    number back and a committed one can never be handed out again.
    """
    if not db.conn.in_transaction:
        raise RuntimeError("tracking.allocate must run inside the submit transaction")
    if not is_valid_kiosk_code(kiosk_code):
        raise ValueError(f"kiosk code {kiosk_code!r} is not 2–8 upper-case letters or digits")
    if not 2000 <= day.year <= 2099:
        raise ValueError(f"{day.isoformat()} is outside the years a two-digit year can name")
    row = db.execute(
        "SELECT last_value FROM tracking_sequence WHERE kiosk_code = ? AND day = ?",
        [kiosk_code, day.isoformat()],
    ).fetchone()
    last = _restart_floor(db, day) if row is None else int(row[0])
    for sequence in range(last + 1, MAX_SEQUENCE + 1):
        check = check_character(_payload(kiosk_code, day, sequence))
        if check is not None:
            break
    else:
        raise TrackingExhaustedError(
            f"kiosk {kiosk_code} has used every tracking number for {day.isoformat()}"
        )
    db.execute(
        "INSERT INTO tracking_sequence (kiosk_code, day, last_value) VALUES (?, ?, ?)"
        " ON CONFLICT (kiosk_code, day) DO UPDATE SET last_value = excluded.last_value",
        [kiosk_code, day.isoformat(), sequence],
    )
    return TrackingNumber(kiosk_code, day, sequence, check).text


def _restart_floor(db: Database, day: date) -> int:
    """Where a day's sequence starts: 0, or RESTART_FLOOR near a database restart."""
    row = db.execute("SELECT value FROM settings WHERE key = ?", [RESTART_SETTING]).fetchone()
    if row is None:
        return 0
    restarted = date.fromisoformat(str(row[0])[:10])
    # Within a day either way: the stored time is UTC, `day` is the kiosk's local day.
    return RESTART_FLOOR if abs((day - restarted).days) <= 1 else 0


def normalise(text: str) -> str:
    """Put a typed or scanned number into canonical form (shape only, no check).

    Raises :class:`InvalidTrackingNumberError` when the text cannot be laid
    out as kiosk code, date, sequence and check character.
    """
    compact = "".join(
        char
        for char in unicodedata.normalize("NFKC", text).upper()
        if not (char.isspace() or unicodedata.category(char) == "Pd" or char in "._/")
    )
    if not 2 + _TAIL <= len(compact) <= 8 + _TAIL:
        raise InvalidTrackingNumberError(f"{text!r} has the wrong length for a tracking number")
    if any(char not in ALPHABET for char in compact):
        raise InvalidTrackingNumberError(f"{text!r} holds characters a tracking number never has")
    kiosk_code, check = compact[:-_TAIL], compact[-1]
    digits = compact[-_TAIL:-1].translate(_DIGIT_LOOKALIKES)
    if not digits.isdigit():
        raise InvalidTrackingNumberError(f"{text!r} has letters where the date or sequence goes")
    return f"{kiosk_code}-{digits[:6]}-{digits[6:]}-{check}"


def parse(text: str) -> TrackingNumber:
    """Read a tracking number, checking its check character and date.

    Raises :class:`InvalidTrackingNumberError` saying what is wrong.
    """
    kiosk_code, day_text, sequence_text, check = normalise(text).split("-")
    if not is_valid_kiosk_code(kiosk_code):
        raise InvalidTrackingNumberError(f"{text!r} does not start with a kiosk code")
    try:
        day = date(2000 + int(day_text[:2]), int(day_text[2:4]), int(day_text[4:]))
    except ValueError as exc:
        raise InvalidTrackingNumberError(f"{text!r} does not hold a real date") from exc
    sequence = int(sequence_text)
    if sequence < 1:
        raise InvalidTrackingNumberError(f"{text!r} has sequence 0000, which is never issued")
    if check_character(kiosk_code + day_text + sequence_text) != check:
        raise InvalidTrackingNumberError(f"{text!r} fails its check character (mistyped?)")
    return TrackingNumber(kiosk_code, day, sequence, check)


def is_valid(text: str) -> bool:
    """Whether ``text`` reads as a well-formed tracking number with a correct check."""
    try:
        parse(text)
    except InvalidTrackingNumberError:
        return False
    return True


def issuable(kiosk_code: str, day: date, sequence: int) -> str | None:
    """The number a kiosk would print for this sequence, None when it skips it (check ``*``)."""
    check = check_character(_payload(kiosk_code, day, sequence))
    return None if check is None else TrackingNumber(kiosk_code, day, sequence, check).text


def _payload(kiosk_code: str, day: date, sequence: int) -> str:
    return f"{kiosk_code}{day:%y%m%d}{sequence:04d}"
