"""Realistic submitted applications for the sync benchmarks (pension form answers)."""

from __future__ import annotations

import itertools
import random
import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from kiosk.tracking import MAX_SEQUENCE, issuable
from sync.protocol import ApplicationRecord

_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
_GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂"


def answers(rng: random.Random) -> dict[str, Any]:
    """Answers to the rural pension form as the kiosk stores them."""
    year = rng.randint(1950, 2005)
    return {
        "full_name": rng.choice(_SURNAMES) + "".join(rng.choices(_GIVEN, k=rng.randint(1, 2))),
        "id_number": f"5101{rng.randint(10, 99)}{year}{rng.randint(1, 12):02d}"
        f"{rng.randint(1, 28):02d}{rng.randint(100, 999)}{rng.choice('0123456789X')}",
        "gender": rng.choice(["male", "female"]),
        "birth_date": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "ethnicity": "han",
        "phone": f"13{rng.randint(100000000, 999999999)}",
        "hukou_type": "rural",
        "residence_address": ["510000", "510112", "510112101"],
        "address_detail": f"{rng.randint(1, 30)}组{rng.randint(1, 99)}号",
        "full_time_student": False,
        "employee_pension": False,
        "special_groups": rng.choice([[], ["disabled"], ["dibao"]]),
        "draw_pension_now": year < 1966,
        "contribution_grade": rng.choice([200, 300, 500, 1000]),
        "bank_name": "农村信用社",
        "bank_account": "".join(rng.choices("0123456789", k=19)),
        "confirm": True,
        "remarks": "",
        "consent": True,
    }


def records(count: int, seed: int = 3, kiosk_code: str = "LQ03") -> list[ApplicationRecord]:
    """``count`` applications as they leave the kiosk ``kiosk_code``."""
    rng = random.Random(seed)
    return [
        ApplicationRecord(
            uuid=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            form_id="rural-pension-enrolment",
            form_version=1,
            language="zh_CN",
            tracking_number=number,
            submitted_at="2026-11-27T03:30:12.000000Z",
            assisted=False,
            answers=answers(rng),
        )
        for number in itertools.islice(_tracking_numbers(kiosk_code), count)
    ]


def _tracking_numbers(kiosk_code: str) -> Iterator[str]:
    """Valid, distinct tracking numbers of one kiosk, day after day."""
    for offset in itertools.count():
        day = date(2026, 11, 27) + timedelta(days=offset)
        for sequence in range(1, MAX_SEQUENCE + 1):
            number = issuable(kiosk_code, day, sequence)
            if number is not None:
                yield number
