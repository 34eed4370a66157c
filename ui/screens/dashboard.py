"""The clerk's dashboard: applications today and this month, backlog, devices, disk.

Counts only, never personal data. Per-service counts are text (it wraps, in
any language and text size, and is read aloud); the month's applications day
by day are drawn with QtCharts, self-service and assisted stacked, in the
theme's colours.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import tzinfo

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QApplication

from kiosk.dashboard import DayCount, Period, Snapshot
from ui.answer_text import local_time_text
from ui.i18n import translate
from ui.screens.base import Screen, wrapped_label
from ui.theme import TextRole

CHART_MIN_HEIGHT = 420
COUNT_TICKS = 4

ServiceTitle = Callable[[str], str]
"""The title of a service (by form id) in the language in use."""


class DashboardScreen(Screen):
    """Figures of this kiosk for the clerk, with a CSV export."""

    export_requested = Signal()
    back_requested = Signal()

    def __init__(self, zone: tzinfo) -> None:
        super().__init__()
        self._zone = zone
        self.summary = wrapped_label("question")
        self.details = wrapped_label("help")
        self.export_result = wrapped_label("notice")
        self.export_result.hide()
        self.chart = QChart()
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.chart_view = QChartView(self.chart)
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumHeight(CHART_MIN_HEIGHT)
        self.content.addWidget(self.summary)
        self.content.addWidget(self.chart_view, 1)
        self.content.addWidget(self.details)
        self.content.addWidget(self.export_result)
        self.back_button = self.add_button()
        self.back_button.clicked.connect(self.back_requested)
        self.export_button = self.add_button("primary", stretch_before=True)
        self.export_button.clicked.connect(self.export_requested)
        self._shown: tuple[Snapshot, ServiceTitle, str, str, Mapping[str, str]] | None = None
        self.retranslate()

    def show_figures(
        self,
        found: Snapshot,
        title_of: ServiceTitle,
        printer: str,
        camera: str,
        colours: Mapping[str, str],
    ) -> None:
        """Fill the screen; `colours` is the palette of the theme in use."""
        self._shown = (found, title_of, printer, camera, colours)
        self.export_result.hide()
        self.retranslate()

    def show_export_result(self, message: str) -> None:
        """Say where the CSV file went, or why it could not be written."""
        self.export_result.setText(message)
        self.export_result.show()

    def retranslate(self) -> None:
        self.title.setText(translate("DashboardScreen", "Today and this month"))
        self.back_button.setText(translate("DashboardScreen", "Back"))
        self.export_button.setText(translate("DashboardScreen", "Export figures (CSV)"))
        if self._shown is None:
            return
        found, title_of, printer, camera, colours = self._shown
        figures, capacity = found.figures, found.capacity
        self.summary.setText(
            "\n".join(
                line
                for period in (figures.today, figures.month)
                for line in _period_lines(period, title_of)
            )
        )
        lines = [
            translate("DashboardScreen", "Waiting to be sent: {count}").format(
                count=figures.waiting_to_sync
            ),
            translate("DashboardScreen", "Unfinished applications: {count}").format(
                count=figures.drafts
            ),
            translate("DashboardScreen", "Printer: {state}").format(state=printer),
            translate("DashboardScreen", "Camera: {state}").format(state=camera),
            translate("DashboardScreen", "Disk: {free} MB free; database {size} MB").format(
                free=capacity.free_mb, size=capacity.database_mb
            ),
        ]
        if figures.oldest_unsynced_at is not None:
            stamp = local_time_text(figures.oldest_unsynced_at, self._zone)
            lines.insert(
                1, translate("DashboardScreen", "Oldest not yet sent: {time}").format(time=stamp)
            )
        self.details.setText("\n".join(lines))
        self._draw(figures.month_by_day, colours)

    def _draw(self, days: tuple[DayCount, ...], colours: Mapping[str, str]) -> None:
        # A new chart each time: axes removed from a chart can leave their labels drawn.
        chart = QChart()
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        previous, self.chart = self.chart, chart
        self.chart_view.setChart(chart)
        previous.deleteLater()
        chart.setTitle(translate("DashboardScreen", "This month, day by day"))
        own = QBarSet(translate("DashboardScreen", "Self-service"))
        helped = QBarSet(translate("DashboardScreen", "Assisted"))
        own.setColor(QColor(colours["accent"]))
        helped.setColor(QColor(colours["neutral"]))
        for day in days:
            own.append(day.self_service)
            helped.append(day.assisted)
        series = QStackedBarSeries()
        series.append(own)
        series.append(helped)
        chart.addSeries(series)
        day_axis = QBarCategoryAxis()
        day_axis.append([str(day.day) for day in days])
        count_axis = QValueAxis()
        count_axis.setLabelFormat("%d")
        highest = max([day.self_service + day.assisted for day in days] + [1])
        step = -(-highest // COUNT_TICKS)  # whole numbers of applications per grid line
        count_axis.setRange(0, step * COUNT_TICKS)
        count_axis.setTickCount(COUNT_TICKS + 1)
        day_axis.setTruncateLabels(False)
        font = QApplication.font()
        font.setPointSizeF(font.pointSizeF() * TextRole.SMALL.value)
        text = QColor(colours["text"])
        for axis in (day_axis, count_axis):
            axis.setLabelsFont(font)
            axis.setLabelsColor(text)
        chart.addAxis(day_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(count_axis, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(day_axis)
        series.attachAxis(count_axis)
        chart.setBackgroundBrush(QColor(colours["background"]))
        chart.setTitleBrush(text)
        chart.setTitleFont(font)
        chart.legend().setLabelColor(text)
        chart.legend().setFont(font)


def _period_lines(period: Period, title_of: ServiceTitle) -> list[str]:
    """A line for the period, then one per service."""
    if period.name == "today":
        heading = translate("DashboardScreen", "Today: {total} applications ({assisted} assisted)")
    else:
        heading = translate(
            "DashboardScreen", "This month: {total} applications ({assisted} assisted)"
        )
    lines = [heading.format(total=period.total, assisted=period.assisted)]
    lines.extend(
        translate("DashboardScreen", "{service}: {total} ({assisted} assisted)").format(
            service=title_of(service.form_id), total=service.total, assisted=service.assisted
        )
        for service in period.services
    )
    return lines
