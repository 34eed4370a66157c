"""Base45 (RFC 9285), the text form that fits QR alphanumeric mode.

Twenty lines do not justify a dependency, and decoding strictly here means
every malformed input is one clear ValueError.
"""

from __future__ import annotations

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
_VALUES = {char: index for index, char in enumerate(ALPHABET)}


def b45encode(data: bytes) -> str:
    """Encode bytes as Base45 text (two bytes to three characters)."""
    out: list[str] = []
    for start in range(0, len(data), 2):
        chunk = data[start : start + 2]
        value = int.from_bytes(chunk, "big")
        digits = 3 if len(chunk) == 2 else 2
        for _ in range(digits):
            value, digit = divmod(value, 45)
            out.append(ALPHABET[digit])
    return "".join(out)


def b45decode(text: str) -> bytes:
    """Decode Base45 text; ValueError for a bad character, length or value."""
    if len(text) % 3 == 1:
        raise ValueError("a Base45 text cannot have a length of 3n+1")
    out = bytearray()
    for start in range(0, len(text), 3):
        chunk = text[start : start + 3]
        try:
            digits = [_VALUES[char] for char in chunk]
        except KeyError as exc:
            raise ValueError(f"{exc.args[0]!r} is not a Base45 character") from None
        value = sum(digit * 45**place for place, digit in enumerate(digits))
        size = 2 if len(chunk) == 3 else 1
        if value >= 256**size:
            raise ValueError("a Base45 group is out of range")
        out += value.to_bytes(size, "big")
    return bytes(out)
