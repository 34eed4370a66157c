"""When to try an outbox entry again after a failure: exponential, capped, jittered.

Hundreds of kiosks lose the link together when a county's network fails;
without jitter they would all come back at the same second. Half the delay
is fixed and half random ("equal jitter"), so retries spread out but a
failed entry is never retried sooner than half its due delay.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta


@dataclass(frozen=True)
class BackoffPolicy:
    """Delay ``base * factor**(attempts-1)``, at most ``cap``, half of it random."""

    base: timedelta = timedelta(seconds=10)
    factor: float = 2.0
    cap: timedelta = timedelta(hours=1)

    def delay(self, attempts: int, rng: random.Random) -> timedelta:
        """The wait after the ``attempts``-th consecutive failure (``attempts`` ≥ 1)."""
        exponent = min(max(attempts - 1, 0), 30)
        full = min(self.base.total_seconds() * self.factor**exponent, self.cap.total_seconds())
        return timedelta(seconds=full / 2 + rng.uniform(0, full / 2))
