"""The kiosk's sounds, synthesised here so they are ours to ship (no licence to track).

``python -m resources.sound_synthesis`` writes them to ``resources/sounds/``;
a test checks that the committed files are exactly what this code makes.
The scan chime is two soft rising notes (A5 then E6, a fifth apart), short
enough not to startle and clearly different from any error sound a PC makes.
"""

from __future__ import annotations

import io
import math
import struct
import wave
from pathlib import Path

from resources import SCAN_SUCCESS_SOUND

SOUNDS_DIR = SCAN_SUCCESS_SOUND.parent

SAMPLE_RATE = 22_050
NOTES = ((880.0, 0.0), (1318.51, 0.09))
"""(frequency in Hz, start in seconds) of each note of the chime."""
NOTE_SECONDS = 0.22
VOLUME = 0.3


def chime_wav() -> bytes:
    """The scan chime as a mono 16-bit WAV file."""
    length = round((NOTES[-1][1] + NOTE_SECONDS) * SAMPLE_RATE)
    samples = [0.0] * length
    for frequency, start in NOTES:
        first = round(start * SAMPLE_RATE)
        for index in range(round(NOTE_SECONDS * SAMPLE_RATE)):
            t = index / SAMPLE_RATE
            attack = min(1.0, t / 0.005)  # 5 ms fade-in: no click
            decay = math.exp(-t * 18)
            tone = math.sin(2 * math.pi * frequency * t) + 0.2 * math.sin(
                4 * math.pi * frequency * t
            )
            samples[first + index] += attack * decay * tone
    peak = max(abs(sample) for sample in samples)
    frames = b"".join(
        struct.pack("<h", round(sample / peak * VOLUME * 32767)) for sample in samples
    )
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(SAMPLE_RATE)
        out.writeframes(frames)
    return buffer.getvalue()


def write_sounds(directory: Path = SOUNDS_DIR) -> list[Path]:
    """Write every sound file; the paths written."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / SCAN_SUCCESS_SOUND.name
    path.write_bytes(chime_wav())
    return [path]


if __name__ == "__main__":
    for written in write_sounds():
        print(written)
