"""What feedback may say: the ratings, the topics and the lengths a screen offers
and storage checks.

Apart from `kiosk.feedback` so that the feedback screen, built on the GUI
thread, does not import the database code for four constants.
"""

from __future__ import annotations

RATINGS = (1, 2, 3, 4, 5)
"""From 1 (very unhappy) to 5 (very happy)."""

TOPICS = ("waiting", "staff", "kiosk", "rules", "other")
"""What a complaint or suggestion is about, as the person chose it."""

MAX_COMMENT = 1000
MAX_CONTACT = 100
