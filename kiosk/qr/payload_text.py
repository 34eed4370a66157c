"""Turn the raw bytes of a QR code into text without guessing wrongly.

QR byte mode has no reliable encoding mark in practice: identity codes are
Base45 (ASCII), names are UTF-8 almost everywhere, and older Chinese systems
print GB 18030. A text that is neither is refused rather than garbled, since a
garbled name prefilled into a form is worse than none.
"""

from __future__ import annotations


def payload_text(data: bytes) -> str | None:
    """The text a payload carries, or None if it is in no encoding we trust."""
    for encoding in ("utf-8", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if text and all(char.isprintable() or char in "\n\r\t" for char in text):
            return text
    return None
