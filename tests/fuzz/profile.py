"""How hard the fuzz tests try: a short, reproducible run in CI, a long one on request.

``KIOSK_FUZZ=full`` in the environment runs thousands of
random examples per property and draws new ones every run; the default
profile runs a few dozen, the same every run, so a CI failure reproduces.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    max_examples=60,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "full",
    max_examples=3000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

FULL = os.environ.get("KIOSK_FUZZ") == "full"
FUZZ = settings.get_profile("full" if FULL else "ci")
"""The settings every fuzz property runs under."""


def examples(ci: int) -> settings:
    """FUZZ with `ci` examples in the short run (a slow property asks for fewer)."""
    return FUZZ if FULL else settings(FUZZ, max_examples=ci)
