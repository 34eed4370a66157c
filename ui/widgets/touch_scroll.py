"""The one scrolling area of a screen: moved by a finger, and saying when more lies below.

A person at a kiosk does not look for a scroll bar: they drag the content with
a finger, and they need to be told that there is more to see (an option, a
bank, the "No" of a yes/no question in Uyghur) when it lies under the fold.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QTimer
from PySide6.QtGui import QPainter, QPainterPath, QPaintEvent, QPalette, QPolygonF, QShowEvent
from PySide6.QtWidgets import QScrollArea, QWidget
from shiboken6 import isValid

from ui.i18n import translate
from ui.qt_names import set_enum_property
from ui.theme import set_role
from ui.widgets.base import without_pan_gesture
from ui.widgets.wrapping_button import WrappingButton

if TYPE_CHECKING:  # imported where used: PySide builds a class's enum types at its first mention
    from PySide6.QtWidgets import QScroller

CUE_MARGIN = 8
"""Room between the cue and the viewport's bottom edge, in pixels."""

KEPT_IN_VIEW_MARGIN = 16
"""Room kept around a widget held in view (`TouchScrollArea.keep_in_view`), in pixels."""

PAGE_SHARE = 0.8
"""How much of the visible height a tap on the cue scrolls: some of what was
seen stays in view, so the eye keeps its place."""


def scroll_by_finger(area: QScrollArea) -> QScroller:
    """Let a drag of the finger (or of the mouse with its left button) move `area`'s content.

    The kinetic scroller takes over a press only once it has moved past a small
    threshold, so a tap on a button in the content still presses it. Touch
    screens under X deliver touches that no widget takes as mouse events, which
    this gesture then follows. Qt's pan gesture is not grabbed: the gesture
    manager keeps one per viewport it ever saw, even after the viewport is gone.
    (`grabGesture` answers with a ``Qt.GestureType``: this builds PySide's whole
    ``Qt`` namespace, see ui.qt_names.)
    """
    from PySide6.QtWidgets import QScroller, QScrollerProperties

    viewport = without_pan_gesture(area).viewport()
    QScroller.grabGesture(viewport, QScroller.ScrollerGestureType.LeftMouseButtonGesture)
    scroller = QScroller.scroller(viewport)
    properties = scroller.scrollerProperties()
    # Content that fits does not bounce: a person must not think it moved.
    no_overshoot = QScrollerProperties.OvershootPolicy.OvershootAlwaysOff
    properties.setScrollMetric(
        QScrollerProperties.ScrollMetric.VerticalOvershootPolicy, no_overshoot
    )
    properties.setScrollMetric(
        QScrollerProperties.ScrollMetric.HorizontalOvershootPolicy, no_overshoot
    )
    # A press reaches the button under the finger at once (it shows pressed, as a
    # key does); once the finger moves far enough to scroll, the button's press is
    # called off. Qt's default holds presses back for a quarter of a second and then
    # replays them at a screen position, which loses taps that came in the meantime.
    properties.setScrollMetric(QScrollerProperties.ScrollMetric.MousePressEventDelay, 0.0)
    scroller.setScrollerProperties(properties)
    return scroller


RELAYOUT_EVENTS = (QEvent.Type.Resize, QEvent.Type.LayoutRequest)
"""Events after which what lies under the fold may have changed."""

ARROW_HALF_WIDTH = 12
ARROW_ROOM = 2 * ARROW_HALF_WIDTH + 24
"""Width the cue keeps beside its centred text for the arrow, on each side."""


def plain_viewport() -> QWidget:
    """A viewport made as Qt makes a scroll area's own (name, colours, filled), but in
    Python: PySide then knows its class, where the first Python look at a viewport
    Qt made has PySide try every widget class it has to find out (and build the
    enum types of each, 75 of them, ui.qt_names)."""
    viewport = QWidget()
    viewport.setObjectName("qt_scrollarea_viewport")
    viewport.setBackgroundRole(QPalette.ColorRole.Base)
    viewport.setAutoFillBackground(True)
    return viewport


class MoreBelowCue(WrappingButton):
    """ "More below": shown over the bottom of a scrolling area while content lies under it.

    It is a button as large as any target: a tap scrolls down by most of a page,
    for a person who does not think of dragging.
    """

    def __init__(self, parent: QWidget) -> None:
        super().__init__()
        self.setParent(parent)
        set_enum_property(self, "focusPolicy", "NoFocus")
        set_role(self, "more-below")
        self.retranslate()

    def retranslate(self) -> None:
        """Called by the language switcher, like every translatable widget."""
        self.setText(translate("Screen", "More below"))

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        # A downward arrow on the end side, drawn so that no font can lack it; filled
        # without a pen (a pen style is a `Qt` name, and a start screen taller than
        # the window shows the cue in its first paint: ui.qt_names).
        half = ARROW_HALF_WIDTH
        middle = self.height() / 2
        end_side = self.width() - ARROW_ROOM / 2 if self.isLeftToRight() else ARROW_ROOM / 2
        arrow = QPainterPath()
        arrow.addPolygon(
            QPolygonF(
                [
                    QPointF(end_side - half, middle - half / 2),
                    QPointF(end_side + half, middle - half / 2),
                    QPointF(end_side, middle + half / 2),
                ]
            )
        )
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillPath(arrow, self.label.palette().windowText())
        painter.end()


def _tappable_kinds() -> Iterator[type[QWidget]]:
    """What a person acts on, buttons first, each kind named only when asked for: PySide
    makes a class's enum types at its first mention (ui.qt_names), and the start
    screen, whose buttons reach below the fold, never needs the editors'."""
    from PySide6.QtWidgets import QAbstractButton

    yield QAbstractButton
    from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

    yield QLineEdit
    yield QPlainTextEdit


class TouchScrollArea(QScrollArea):
    """A frameless, resizable scroll area moved by a finger, with a "more below" cue
    in a strip of its own under the content while more lies below.

    Each screen has exactly one (its body): an area inside another would take
    the drag meant for the screen, and a person cannot tell which one moves.

    The finger's scroller is set up on the turn of the event loop after the area
    is first painted (or when first needed): its set-up builds PySide's ``Qt``
    namespace, which the start screen's first paint must not wait for
    (ui.qt_names); the start screen's own waits for the kiosk to complete
    (`hold_the_finger_back`). A finger can only drag what it sees.
    """

    def __init__(self) -> None:
        super().__init__()
        self.setViewport(plain_viewport())
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        set_enum_property(self, "horizontalScrollBarPolicy", "ScrollBarAlwaysOff")
        # A press on a button in the content (which takes no focus) would give the
        # focus to the first widget above it that takes it on a click: this area, by
        # Qt's default. The field being typed into would lose it, the keyboard would
        # go down, the screen would move up under the finger, and the release would
        # miss the button ("Write by hand" under the field did nothing). The area
        # still takes the focus a screen gives when shown, so no field gets it (and
        # the keyboard) before the person touches one.
        set_enum_property(self, "focusPolicy", "TabFocus")
        self._scroller: QScroller | None = None
        self._finger_held_back = False
        self._take_the_finger = QTimer(self)
        self._take_the_finger.setSingleShot(True)
        self._take_the_finger.setInterval(0)
        self._take_the_finger.timeout.connect(self.scroller)
        self.more_below = MoreBelowCue(self)
        self.more_below.hide()
        self.more_below.clicked.connect(self.scroll_a_page)
        self._placing = False
        # The cue is decided again once the content has been laid out: when the range
        # is set, the content's children may not have their new places yet, and a
        # screen filled while hidden (a new tracking number, other documents) can
        # keep its range while its buttons move below the fold.
        self._recheck = QTimer(self)
        self._recheck.setSingleShot(True)
        self._recheck.setInterval(0)
        self._recheck.timeout.connect(self._place_cue)
        bar = self.verticalScrollBar()
        bar.valueChanged.connect(self._place_cue)
        bar.rangeChanged.connect(self._recheck.start)
        self.viewport().installEventFilter(self)
        self._kept_in_view: QWidget | None = None
        self._keep = QTimer(self)
        self._keep.setSingleShot(True)
        self._keep.setInterval(0)
        self._keep.timeout.connect(self._bring_kept_into_view)

    def keep_in_view(self, widget: QWidget | None) -> None:
        """Scroll `widget` (in the content) into view now and whenever the view changes
        size, until called with None: a field written into by hand must stay seen while
        the pad below the area, and then this area's "more below" strip, take its room.
        A drag of the finger still moves the content: only a change of the view's size
        brings the widget back."""
        self._kept_in_view = widget
        if widget is not None:
            self._keep.start()

    def _bring_kept_into_view(self) -> None:
        # Once the range has been set for the new size (on the next turn of the loop).
        kept = self._kept_in_view
        if kept is not None and isValid(kept) and kept.isVisible():
            self.ensureWidgetVisible(kept, KEPT_IN_VIEW_MARGIN, KEPT_IN_VIEW_MARGIN)

    def hold_the_finger_back(self) -> None:
        """Take the finger only when `scroller()` is called, not on the first paint: the
        first set-up in the process builds PySide's ``Qt`` namespace, which the kiosk's
        first answer after its first frame must not wait for (ui.app, ui.idle_work)."""
        self._finger_held_back = True

    def scroller(self) -> QScroller:
        """The kinetic scroller a finger drags the content with, set up the first time
        it is asked for."""
        if self._scroller is None:
            self._scroller = scroll_by_finger(self)
        return self._scroller

    def content_below(self) -> bool:
        """Whether something to tap or type into lies (partly) under the bottom edge of
        the view. Text alone there (a status line under the start screen's tiles)
        is shown by the scroll bar; the cue would only take room from the tiles."""
        content = self.widget()
        bar = self.verticalScrollBar()
        if content is None or bar.value() >= bar.maximum():
            return False
        # Measured without the cue's strip: the strip must not keep itself up by
        # taking the room the last button needed.
        fold = self.viewport().height() + self.viewportMargins().bottom()
        # Asked for by kind, so that Qt picks them out: asked for every QWidget,
        # PySide would make an object for each of Qt's own parts inside the content
        # (an editor's scroll bars and viewport) and keep it, as a child of the
        # content, long after the editor is deleted: five for every text box.
        return any(
            widget.isVisibleTo(content)
            and widget.mapTo(self.viewport(), QPoint(0, widget.height())).y() > fold
            for kind in _tappable_kinds()
            for widget in content.findChildren(kind)
        )

    def scroll_a_page(self) -> None:
        """Bring the next part of the content into view, keeping a little of what was seen."""
        step = int(self.viewport().height() * PAGE_SHARE)
        target = min(self.verticalScrollBar().value() + step, self.verticalScrollBar().maximum())
        self.scroller().scrollTo(QPointF(self.horizontalScrollBar().value(), target), 300)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The viewport, and the content (which QScrollArea itself watches).
        if event.type() in RELAYOUT_EVENTS and watched in (self.viewport(), self.widget()):
            self._recheck.start()
            if self._kept_in_view is not None and event.type() == QEvent.Type.Resize:
                self._keep.start()
        elif (
            self._scroller is None
            and not self._finger_held_back
            and event.type() == QEvent.Type.Paint
            and watched is self.viewport()
        ):
            self._take_the_finger.start()
        return super().eventFilter(watched, event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._recheck.start()

    def _place_cue(self) -> None:
        # The cue has a strip of its own under the view, never over the content: an
        # option under it could not be tapped. The strip is there only while content
        # lies below, so the end of a list, once reached, has the whole height.
        if self._placing:
            return  # called back while the strip is being made or taken away
        cue = self.more_below
        below = self.content_below()
        view = self.viewport().geometry()
        width = min(cue.sizeHint().width() + 2 * ARROW_ROOM, max(view.width(), 1))
        height = cue.heightForWidth(width)
        strip = height + 2 * CUE_MARGIN if below else 0
        if self.viewportMargins().bottom() != strip:
            self._placing = True
            try:
                self.setViewportMargins(0, 0, 0, strip)
            finally:
                self._placing = False
            view = self.viewport().geometry()
        cue.setVisible(below)
        if below:
            cue.setGeometry(
                view.x() + (view.width() - width) // 2,
                view.bottom() + 1 + CUE_MARGIN,
                width,
                height,
            )
            cue.raise_()
