"""Figures for administrators: kiosks, applications by form and by status."""

from __future__ import annotations

from dataclasses import dataclass, field

from central.database import Connection


@dataclass(frozen=True)
class Statistics:
    """Counts across the whole platform."""

    kiosks: int
    kiosks_revoked: int
    applications: int
    assisted: int = 0
    by_form: dict[str, int] = field(default_factory=dict)
    by_status: dict[str, int] = field(default_factory=dict)
    feedback: FeedbackFigures | None = None


@dataclass(frozen=True)
class FeedbackFigures:
    """What the public said: ratings (1 to 5) and the topics of complaints and suggestions."""

    comments: int
    ratings: dict[str, int]
    topics: dict[str, int]
    average_rating: float | None
    """The mean rating, or None before anyone rated."""


def statistics(connection: Connection) -> Statistics:
    """Count kiosks, applications (assisted among them) per form and per latest status."""
    kiosks = connection.query(
        "SELECT COUNT(*), COUNT(revoked_at) FROM kiosks",
    )[0]
    applications, assisted = (
        int(value or 0)
        for value in connection.query("SELECT COUNT(*), SUM(assisted) FROM applications")[0]
    )
    by_form = {
        f"{form_id} v{version}": int(count)
        for form_id, version, count in connection.query(
            "SELECT form_id, form_version, COUNT(*) FROM applications"
            " GROUP BY form_id, form_version ORDER BY form_id, form_version"
        )
    }
    latest = connection.query(
        "SELECT s.status, COUNT(*) FROM status_updates s"
        " WHERE s.id = (SELECT MAX(t.id) FROM status_updates t"
        " WHERE t.application_uuid = s.application_uuid) GROUP BY s.status ORDER BY s.status"
    )
    by_status = {str(status): int(count) for status, count in latest}
    without = applications - sum(by_status.values())
    if without:
        by_status["received"] = by_status.get("received", 0) + without
    return Statistics(
        feedback=feedback_figures(connection),
        kiosks=int(kiosks[0]),
        kiosks_revoked=int(kiosks[1]),
        applications=applications,
        assisted=assisted,
        by_form=by_form,
        by_status=by_status,
    )


def feedback_figures(connection: Connection) -> FeedbackFigures:
    """Ratings, topics and comments the public left, with the mean rating."""
    ratings = {
        str(rating): int(count)
        for rating, count in connection.query(
            "SELECT rating, COUNT(*) FROM feedback WHERE rating IS NOT NULL"
            " GROUP BY rating ORDER BY rating"
        )
    }
    topics = {
        str(topic): int(count)
        for topic, count in connection.query(
            "SELECT topic, COUNT(*) FROM feedback WHERE topic IS NOT NULL"
            " GROUP BY topic ORDER BY topic"
        )
    }
    comments = int(
        connection.query("SELECT COUNT(*) FROM feedback WHERE comment IS NOT NULL")[0][0]
    )
    rated = sum(ratings.values())
    average = (
        round(sum(int(rating) * count for rating, count in ratings.items()) / rated, 2)
        if rated
        else None
    )
    return FeedbackFigures(comments, ratings, topics, average)
