"""What each part of the un-warping stage gains, on the frames the cheaper steps miss.

The kiosk's pipeline without its un-warping step runs on every frame of a
corpus; on the frames with a code that it misses (and on the empty frames,
where any read is a false positive), the un-warping decoder runs once per
variant, each with one part turned off or added (kiosk/qr/unwarp.py,
``UnwarpParts``), with no limit on the grid fits per frame. One JSON line per variant: frames
read, wrong payloads, false positives, CPU milliseconds per frame.

Run: ``python -m bench.qr_unwarp_parts [--corpus bench/out/qr_corpus] [--seed N]``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from dataclasses import replace
from pathlib import Path

from bench.qr_corpus import (
    DEFAULT_OUT,
    SEED,
    corpus_is_current,
    generate,
    load_corpus,
    write_corpus,
)
from kiosk.qr import QrPipeline, steps_without_unwarping
from kiosk.qr.unwarp import UnwarpDecoder, UnwarpParts

_BARE = UnwarpParts(function_patterns=False, sharpened_modules=False, outline=False, mesh=False)
"""The fit alone: the modules read as sampled."""
VARIANTS: dict[str, UnwarpParts] = {
    "finders, affine map only": replace(_BARE, perspective=False, passes=(), zxing_located=False),
    "+ alignment pattern (perspective)": replace(_BARE, passes=(), zxing_located=False),
    "+ one drift pass (window 4 modules)": replace(_BARE, passes=(4.0,), zxing_located=False),
    "+ second drift pass (window 2.5)": replace(_BARE, passes=(4.0, 2.5), zxing_located=False),
    "+ third drift pass (window 1.8)": replace(_BARE, zxing_located=False),
    "+ codes zxing-cpp located": _BARE,
    "+ function patterns drawn in": UnwarpParts(sharpened_modules=False, outline=False, mesh=False),
    "+ modules sharpened against their neighbours": UnwarpParts(outline=False, mesh=False),
    "+ codes located by their outline": UnwarpParts(mesh=False),
    "+ mesh fit when the others fail (all parts)": UnwarpParts(),
    "all parts but the outline": UnwarpParts(outline=False),
    "all parts, coarse passes (7, 4)": UnwarpParts(passes=(7.0, 4.0)),
}
FIT_LIMITS = (1, 2, 4)
"""The kiosk's limit on grid fits per frame, and others, measured with all parts."""


def main(argv: list[str] | None = None) -> int:
    """Print one JSON line per variant of the un-warping stage."""
    parser = argparse.ArgumentParser(description="What each part of the un-warping gains.")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--seed", type=int, default=SEED, help="when generating the corpus")
    args = parser.parse_args(argv)
    if not corpus_is_current(args.corpus):
        write_corpus(generate(30, args.seed), args.corpus)
    samples = load_corpus(args.corpus)
    cheaper = QrPipeline(steps_without_unwarping())
    missed = [
        sample
        for sample in samples
        if sample.payload is None
        or (found := cheaper.decode(sample.image)) is None
        or found.text != sample.payload
    ]
    with_code = [sample for sample in missed if sample.payload is not None]
    decoders = {name: UnwarpDecoder(parts, max_fits=None) for name, parts in VARIANTS.items()}
    for limit in FIT_LIMITS:
        decoders[f"all parts, at most {limit} fits"] = UnwarpDecoder(max_fits=limit)
    for name, decoder in decoders.items():
        read = wrong = false_positives = 0
        cpu_ms: list[float] = []
        for sample in missed:
            started = time.thread_time()
            texts = decoder.decode(sample.image)
            cpu_ms.append((time.thread_time() - started) * 1000)
            text = texts[0] if texts else None
            if sample.payload is None:
                false_positives += text is not None
            elif text == sample.payload:
                read += 1
            elif text is not None:
                wrong += 1
        ordered = sorted(cpu_ms)
        print(
            json.dumps(
                {
                    "bench": "qr_unwarp_parts",
                    "corpus": str(args.corpus),
                    "variant": name,
                    "missed_by_cheaper_steps": len(with_code),
                    "read": read,
                    "wrong_payloads": wrong,
                    "false_positives": false_positives,
                    "cpu_ms_p50": round(statistics.median(ordered), 2),
                    "cpu_ms_p95": round(ordered[int(0.95 * (len(ordered) - 1))], 2),
                }
            )
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
