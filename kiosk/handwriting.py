"""Chinese characters recognised from strokes written with a finger (Zinnia).

Many elderly villagers cannot type Pinyin but can write their name. Zinnia
(Debian `libzinnia0`) is a small stroke recogniser in C; the Tegaki project's
Simplified Chinese model (Debian `tegaki-zinnia-simplified-chinese`) knows
the characters of everyday use. It is bound here with ctypes: the library's C
interface is a dozen plain functions, and no maintained Python binding installs.

A stroke is the list of points a finger passed through, from touch to lift, in
the pad's own pixels; the recogniser is told the pad's size and scales itself.
"""

from __future__ import annotations

import ctypes
import logging
import threading
from collections.abc import Sequence
from pathlib import Path

log = logging.getLogger(__name__)

LIBRARY = "libzinnia.so.0"
SIMPLIFIED_CHINESE_MODEL = Path("/usr/share/tegaki/models/zinnia/handwriting-zh_CN.model")
"""Installed by `./setup.sh` (Debian package tegaki-zinnia-simplified-chinese)."""

CANDIDATES = 8
"""How many characters the pad offers for one drawing."""

Point = tuple[int, int]
Stroke = Sequence[Point]


class HandwritingUnavailable(RuntimeError):
    """The recogniser's library or model is not installed (the pad is then not offered)."""


def _bind(library: ctypes.CDLL) -> ctypes.CDLL:
    pointer, size = ctypes.c_void_p, ctypes.c_size_t
    signatures: dict[str, tuple[list[type], type | None]] = {
        "zinnia_recognizer_new": ([], pointer),
        "zinnia_recognizer_open": ([pointer, ctypes.c_char_p], ctypes.c_int),
        "zinnia_recognizer_strerror": ([pointer], ctypes.c_char_p),
        "zinnia_recognizer_classify": ([pointer, pointer, size], pointer),
        "zinnia_recognizer_destroy": ([pointer], None),
        "zinnia_character_new": ([], pointer),
        "zinnia_character_set_width": ([pointer, size], None),
        "zinnia_character_set_height": ([pointer, size], None),
        "zinnia_character_add": ([pointer, size, ctypes.c_int, ctypes.c_int], ctypes.c_int),
        "zinnia_character_destroy": ([pointer], None),
        "zinnia_result_size": ([pointer], size),
        "zinnia_result_value": ([pointer, size], ctypes.c_char_p),
        "zinnia_result_destroy": ([pointer], None),
    }
    for name, (arguments, result) in signatures.items():
        function = getattr(library, name)
        function.argtypes = arguments
        function.restype = result
    return library


class Recognizer:
    """Zinnia with one model loaded; `classify` may be called from any one thread at a time."""

    def __init__(self, model: Path = SIMPLIFIED_CHINESE_MODEL) -> None:
        try:
            self._lib = _bind(ctypes.CDLL(LIBRARY))
        except OSError as error:
            raise HandwritingUnavailable(f"{LIBRARY}: {error}") from error
        if not model.is_file():
            raise HandwritingUnavailable(f"no handwriting model at {model}")
        self._recognizer = self._lib.zinnia_recognizer_new()
        if not self._lib.zinnia_recognizer_open(self._recognizer, str(model).encode()):
            message = self._lib.zinnia_recognizer_strerror(self._recognizer) or b""
            self._lib.zinnia_recognizer_destroy(self._recognizer)
            raise HandwritingUnavailable(f"{model}: {message.decode(errors='replace')}")
        self._lock = threading.Lock()

    def classify(
        self, strokes: Sequence[Stroke], width: int, height: int, candidates: int = CANDIDATES
    ) -> list[str]:
        """The characters the strokes most likely are, best first (none for no stroke)."""
        strokes = [stroke for stroke in strokes if stroke]
        if not strokes:
            return []
        lib = self._lib
        character = lib.zinnia_character_new()
        try:
            lib.zinnia_character_set_width(character, max(width, 1))
            lib.zinnia_character_set_height(character, max(height, 1))
            for index, stroke in enumerate(strokes):
                for x, y in stroke:
                    lib.zinnia_character_add(character, index, int(x), int(y))
            with self._lock:
                result = lib.zinnia_recognizer_classify(self._recognizer, character, candidates)
            if not result:
                return []
            try:
                return [
                    lib.zinnia_result_value(result, index).decode()
                    for index in range(lib.zinnia_result_size(result))
                ]
            finally:
                lib.zinnia_result_destroy(result)
        finally:
            lib.zinnia_character_destroy(character)


_shared: Recognizer | None = None


def shared_recognizer() -> Recognizer | None:
    """The process's recogniser, loaded on first use (about 1 MB of model); None, and a
    log line for the clerk, when Zinnia or its model is not installed."""
    global _shared
    if _shared is None:
        try:
            _shared = Recognizer()
        except HandwritingUnavailable as error:
            log.warning("handwriting pad not offered: %s (run ./setup.sh)", error)
            return None
    return _shared
