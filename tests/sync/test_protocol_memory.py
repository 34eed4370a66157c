"""What parsing the platform's answers leaves behind in the kiosk's memory."""

from __future__ import annotations

import gc
import json
import tracemalloc
import uuid

from sync.protocol import ItemOutcome, SubmitResult

ANSWERS = 3_000


def an_answer() -> str:
    """The platform's answer to a batch of one application, as the kiosk receives it."""
    item = {"uuid": str(uuid.uuid4()), "outcome": ItemOutcome.STORED.value, "reason": None}
    return json.dumps({"results": [item]})


def test_each_applications_uuid_is_forgotten_with_its_answer() -> None:
    answers = [an_answer() for _ in range(ANSWERS)]
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for answer in answers:
            SubmitResult.model_validate_json(answer)
        gc.collect()
        kept = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()

    # pydantic's default string cache kept every UUID (about 80 bytes each, 240 KB here)
    assert kept < 20 * 1024, f"{kept} bytes kept after {ANSWERS} answers"
