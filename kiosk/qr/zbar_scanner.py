"""zbar through pyzbar's bindings, configured as the kiosk needs it.

pyzbar's own ``decode`` leaves two zbar defaults that hurt us: zbar guesses
the text encoding of a code without an ECI marker (turning "José" into
Japanese), and it ignores light-on-dark codes. Binary mode returns the bytes
as encoded, and inverted testing retries a frame inverted inside zbar.
"""

from __future__ import annotations

import ctypes

import numpy as np
from numpy.typing import NDArray
from pyzbar import wrapper  # type: ignore[import-untyped]  # no type information published

CFG_BINARY = 4
"""zbar_config_t ZBAR_CFG_BINARY (zbar ≥ 0.23): do not convert data to text."""
CFG_TEST_INVERTED = 0x81
"""zbar_config_t ZBAR_CFG_TEST_INVERTED (zbar ≥ 0.23): retry a frame inverted."""
_Y800 = 0x30303859  # fourcc('Y', '8', '0', '0'): 8-bit greyscale


class ZbarScanner:
    """One zbar image scanner for QR codes; use one per thread (zbar keeps state)."""

    def __init__(self, test_inverted: bool = True) -> None:
        self._scanner = wrapper.zbar_image_scanner_create()
        self._configure(wrapper.ZBarSymbol.NONE, wrapper.ZBarConfig.CFG_ENABLE, 0)
        self._configure(wrapper.ZBarSymbol.QRCODE, wrapper.ZBarConfig.CFG_ENABLE, 1)
        self._configure(wrapper.ZBarSymbol.QRCODE, CFG_BINARY, 1)
        if test_inverted:
            self._configure(wrapper.ZBarSymbol.NONE, CFG_TEST_INVERTED, 1)

    def _configure(self, symbol: int, config: int, value: int) -> None:
        if wrapper.zbar_image_scanner_set_config(self._scanner, symbol, config, value) != 0:
            raise RuntimeError(f"this zbar does not support setting {config:#x}; need zbar ≥ 0.23")

    def scan(self, grey: NDArray[np.uint8]) -> list[bytes]:
        """The payloads of every QR code zbar finds in a greyscale image."""
        height, width = grey.shape
        pixels = np.ascontiguousarray(grey).tobytes()
        image = wrapper.zbar_image_create()
        try:
            wrapper.zbar_image_set_format(image, _Y800)
            wrapper.zbar_image_set_size(image, width, height)
            wrapper.zbar_image_set_data(
                image, ctypes.cast(ctypes.c_char_p(pixels), ctypes.c_void_p), len(pixels), None
            )
            if wrapper.zbar_scan_image(self._scanner, image) <= 0:
                return []
            found: list[bytes] = []
            symbol = wrapper.zbar_image_first_symbol(image)
            while symbol:
                data = wrapper.zbar_symbol_get_data(symbol)
                found.append(ctypes.string_at(data, wrapper.zbar_symbol_get_data_length(symbol)))
                symbol = wrapper.zbar_symbol_next(symbol)
            return found
        finally:
            wrapper.zbar_image_destroy(image)

    def close(self) -> None:
        """Free the scanner (also done when the object is collected)."""
        if self._scanner is not None:
            wrapper.zbar_image_scanner_destroy(self._scanner)
            self._scanner = None

    def __del__(self) -> None:
        self.close()
