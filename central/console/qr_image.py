"""QR codes drawn as inline SVG: no image files, no script, nothing fetched."""

from __future__ import annotations

import qrcode
import qrcode.image.svg


def qr_svg(text: str) -> str:
    """``text`` as an SVG QR code, ready to be placed in a page."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return image.to_string(encoding="unicode")
