"""Claim 169's identity map (integer keys) to the form engine's claims.

Keys the kiosk does not use are ignored, as the specification asks; a value of
the wrong type is dropped alone rather than spoiling the whole code.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from kiosk.forms.model import Claim
from kiosk.identity.outcome import FacePhoto

ID, FULL_NAME, FIRST_NAME, MIDDLE_NAME, LAST_NAME = 1, 4, 5, 6, 7
BIRTH_DATE, GENDER, ADDRESS, PHONE = 8, 9, 10, 12
SECONDARY_NAME, SECONDARY_LANGUAGE, LOCATION_CODE, FACE = 19, 20, 21, 62

_GENDERS = {1: "male", 2: "female"}
_PHOTO_FORMATS = {0: "png", 1: "jpeg", 2: "jpeg2000", 3: "avif", 4: "webp"}
_REGION_CODE = re.compile(r"\d{6}|\d{9}|\d{12}")
_PHONE_SEPARATORS = re.compile(r"[\s\-()]")


@dataclass(frozen=True)
class PersonData:
    """What an identity map says, split into form claims and things only shown."""

    claims: dict[Claim, object] = field(default_factory=dict)
    secondary_name: str | None = None
    secondary_language: str | None = None
    address_text: str | None = None
    photo: FacePhoto | None = None


def person_from_claim169(identity: Mapping[object, object]) -> PersonData:
    """Map the claim 169 keys the kiosk understands; ignore the rest."""
    claims: dict[Claim, object] = {}
    if (number := _text(identity.get(ID))) is not None:
        claims[Claim.ID_NUMBER] = number.replace(" ", "").upper()
    if (name := _name(identity)) is not None:
        claims[Claim.NAME] = name
    if (birth := _date(identity.get(BIRTH_DATE))) is not None:
        claims[Claim.BIRTH_DATE] = birth
    gender = identity.get(GENDER)
    if isinstance(gender, int) and gender in _GENDERS:
        claims[Claim.GENDER] = _GENDERS[gender]
    if (phone := _phone(identity.get(PHONE))) is not None:
        claims[Claim.PHONE] = phone
    if (regions := _regions(identity.get(LOCATION_CODE))) is not None:
        claims[Claim.ADDRESS] = regions
    return PersonData(
        claims=claims,
        secondary_name=_text(identity.get(SECONDARY_NAME)),
        secondary_language=_text(identity.get(SECONDARY_LANGUAGE)),
        address_text=_text(identity.get(ADDRESS)),
        photo=_photo(identity.get(FACE)),
    )


def _text(value: object) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _name(identity: Mapping[object, object]) -> str | None:
    full = _text(identity.get(FULL_NAME))
    if full is not None:
        return full
    parts = [_text(identity.get(key)) for key in (FIRST_NAME, MIDDLE_NAME, LAST_NAME)]
    present = [part for part in parts if part is not None]
    return " ".join(present) if present else None


def _date(value: object) -> str | None:
    """Both forms the specification uses: 'YYYYMMDD' (its table) and 'YYYY-MM-DD' (its example)."""
    text = _text(value)
    if text is None:
        return None
    digits = text.replace("-", "") if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else text
    if not re.fullmatch(r"\d{8}", digits):
        return None
    try:
        return datetime.date(int(digits[:4]), int(digits[4:6]), int(digits[6:])).isoformat()
    except ValueError:
        return None


def _phone(value: object) -> str | None:
    text = _text(value)
    if text is None:
        return None
    digits = _PHONE_SEPARATORS.sub("", text)
    for prefix in ("+86", "0086"):
        if digits.startswith(prefix):
            digits = digits[len(prefix) :]
    return digits if digits.isdigit() else None


def _regions(value: object) -> tuple[str, ...] | None:
    """A GB/T 2260 location code as the address field's province-to-village codes."""
    text = _text(value)
    if text is None or not _REGION_CODE.fullmatch(text):
        return None
    levels = [text[:2] + "0000", text[:6], text[:9], text[:12]]
    codes: list[str] = []
    for code in levels[: {6: 2, 9: 3, 12: 4}[len(text)]]:
        if code not in codes:
            codes.append(code)
    return tuple(codes)


def _photo(value: object) -> FacePhoto | None:
    entry = value[0] if isinstance(value, list | tuple) and value else value
    if not isinstance(entry, Mapping):
        return None
    data = entry.get(0)
    if not isinstance(data, bytes) or not data:
        return None
    sub_format = entry.get(2)
    name = _PHOTO_FORMATS.get(sub_format, "unknown") if isinstance(sub_format, int) else "unknown"
    return FacePhoto(data=data, image_format=name)
