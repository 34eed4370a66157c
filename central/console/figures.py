"""Statistics for supervisors: per service, township and month; on-time rate (按时办结率),
processing time, satisfaction, assisted against self-service.

Counted in the database (one grouped query each), so the page costs the same
on a million applications as on a hundred. An application is on time when it
was decided (approved or rejected) on or before its due date, both local
calendar days.
"""

from __future__ import annotations

from dataclasses import dataclass

from central.database import Connection, Dialect
from central.statistics import FeedbackFigures, feedback_figures


@dataclass(frozen=True)
class GroupFigures:
    """The figures of one service, township or month."""

    name: str
    applications: int
    assisted: int
    decided: int
    on_time: int
    overdue_open: int
    average_days: float | None
    """Mean calendar days from arrival to decision, over decided applications."""

    @property
    def on_time_rate(self) -> float | None:
        """Share of decided applications decided on time (None before any decision)."""
        return self.on_time / self.decided if self.decided else None


@dataclass(frozen=True)
class Figures:
    """Everything the statistics page shows."""

    by_service: list[GroupFigures]
    by_township: list[GroupFigures]
    by_month: list[GroupFigures]
    satisfaction: FeedbackFigures


def _days(dialect: Dialect) -> str:
    if dialect is Dialect.POSTGRESQL:
        return "(CAST(a.decided_on AS DATE) - CAST(SUBSTR(a.received_at, 1, 10) AS DATE))"
    return "(JULIANDAY(a.decided_on) - JULIANDAY(SUBSTR(a.received_at, 1, 10)))"


def _grouped(connection: Connection, key: str, today: str) -> list[GroupFigures]:
    rows = connection.query(
        f"SELECT {key} AS name, COUNT(*), SUM(a.assisted),"
        " SUM(CASE WHEN a.decided_on IS NOT NULL THEN 1 ELSE 0 END),"
        " SUM(CASE WHEN a.decided_on IS NOT NULL AND a.decided_on <= a.due_on THEN 1 ELSE 0 END),"
        " SUM(CASE WHEN a.decided_on IS NULL AND a.due_on < ? THEN 1 ELSE 0 END),"
        f" AVG(CASE WHEN a.decided_on IS NOT NULL THEN {_days(connection.dialect)} END)"
        " FROM applications a JOIN kiosks k ON k.code = a.kiosk_code"
        f" GROUP BY {key} ORDER BY {key}",
        [today],
    )
    return [
        GroupFigures(
            name="—" if row[0] is None else str(row[0]),
            applications=int(row[1]),
            assisted=int(row[2] or 0),
            decided=int(row[3] or 0),
            on_time=int(row[4] or 0),
            overdue_open=int(row[5] or 0),
            average_days=None if row[6] is None else round(float(row[6]), 1),
        )
        for row in rows
    ]


def figures(connection: Connection, today: str) -> Figures:
    """Every figure of the statistics page, with ``today`` (local) for what is overdue."""
    return Figures(
        by_service=_grouped(connection, "a.form_id", today),
        by_township=_grouped(connection, "k.township", today),
        by_month=_grouped(connection, "SUBSTR(a.received_at, 1, 7)", today),
        satisfaction=feedback_figures(connection),
    )
