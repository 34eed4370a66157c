"""The QR decoders the pipeline can use, behind one small interface.

zxing-cpp is the main decoder (see docs/qr-decoding.md for the benchmark that
chose it); zbar, through pyzbar, stays as one retry on the code's region
because it reads a few frames zxing-cpp misses.
"""

from __future__ import annotations

from typing import Protocol

import numpy as np
import zxingcpp
from numpy.typing import NDArray

from kiosk.qr.payload_text import payload_text
from kiosk.qr.zbar_scanner import ZbarScanner

Grey = NDArray[np.uint8]
QR_ONLY = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)


class Decoder(Protocol):
    """Reads the texts of the QR codes in a greyscale image."""

    name: str

    def decode(self, grey: Grey) -> list[str]:
        """Every QR code's text found, in the decoder's order; [] for none."""
        ...


class ZxingDecoder:
    """zxing-cpp: fast, reads inverted codes and honours ECI and UTF-8 itself."""

    name = "zxing-cpp"

    def decode(self, grey: Grey) -> list[str]:
        """Texts of the valid QR codes zxing-cpp finds (inverted ones included)."""
        results = zxingcpp.read_barcodes(grey, formats=QR_ONLY, try_invert=True)
        texts: list[str] = []
        for found in results:
            # QRCode also admits Micro QR, whose weak error detection can pass a misread;
            # the kiosk reads full QR codes only.
            if not found.valid or found.format != zxingcpp.BarcodeFormat.QRCode:
                continue
            # zxing-cpp guesses ISO-8859-1 for GB 18030 bytes without ECI; prefer our decoding.
            text = payload_text(found.bytes) or found.text
            if text:
                texts.append(text)
        return texts


class ZbarDecoder:
    """zbar in binary mode with inverted retries; one scanner per decoder (not thread-safe)."""

    name = "zbar"

    def __init__(self) -> None:
        self._scanner = ZbarScanner()

    def decode(self, grey: Grey) -> list[str]:
        """Texts of the QR codes zbar finds, in an encoding we trust."""
        return [text for data in self._scanner.scan(grey) if (text := payload_text(data))]
