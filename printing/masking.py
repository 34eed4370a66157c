"""Hiding most of an identifying number before it goes on paper.

A receipt is carried home, left on tables and photographed; the digits
printed must let the applicant recognise their own number without letting a
finder use it. The convention of Chinese government counters is kept: the
first four and last four characters of an ID number (region of issue and the
check character), the first three and last four digits of a mobile number.
"""

from __future__ import annotations

MASK = "*"


def mask_id_number(id_number: str) -> str:
    """``11010519491231002X`` → ``1101**********002X``; shorter values are fully masked."""
    return _keep_ends(id_number, head=4, tail=4)


def mask_phone(phone: str) -> str:
    """``13812345678`` → ``138****5678``; a landline keeps its last four digits only."""
    if len(phone) == 11 and phone.startswith("1"):
        return _keep_ends(phone, head=3, tail=4)
    return _keep_ends(phone, head=0, tail=4)


def _keep_ends(text: str, *, head: int, tail: int) -> str:
    if len(text) <= head + tail:
        return MASK * len(text)
    return text[:head] + MASK * (len(text) - head - tail) + text[len(text) - tail :]
