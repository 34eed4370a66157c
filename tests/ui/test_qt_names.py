"""What the start screen sets by name, before PySide's `Qt` namespace exists,
does what the enum-typed setters do (ui.qt_names)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from ui.app import Kiosk
from ui.lockdown import LockDown
from ui.qt_names import set_enum_property
from ui.theme import set_role
from ui.widgets.wrapping_button import LEADING, WrappingButton


def test_a_property_set_by_name_takes_the_value_its_setter_would(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)

    set_enum_property(label, "alignment", LEADING)
    set_enum_property(label, "textFormat", "PlainText")
    set_enum_property(label, "focusPolicy", "NoFocus")

    assert label.alignment() == Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert label.focusPolicy() == Qt.FocusPolicy.NoFocus


def test_a_name_the_property_does_not_know_is_refused(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)

    with pytest.raises(ValueError, match="AlignSomewhere"):
        set_enum_property(label, "alignment", "AlignSomewhere")
    with pytest.raises(ValueError, match="no property"):
        set_enum_property(label, "no_such_property", "AlignCenter")


def test_the_layout_direction_set_by_name_mirrors_the_application(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    try:
        set_enum_property(app, "layoutDirection", "RightToLeft")
        assert app.layoutDirection() == Qt.LayoutDirection.RightToLeft
    finally:
        app.setLayoutDirection(Qt.LayoutDirection.LeftToRight)


def test_a_tap_on_the_text_of_a_wrapping_button_clicks_it_the_first_time_and_after(
    qtbot: QtBot,
) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    button = WrappingButton("A service with a name long enough to wrap", LEADING)
    button.setParent(window)
    button.resize(300, 120)
    window.show()
    qtbot.waitExposed(window)
    on_text = button.mapTo(window, button.label.geometry().center())

    def tap() -> None:
        # As the window hands a tap on: to the widget under it.
        target = window.childAt(on_text)
        assert target is not None
        with qtbot.waitSignal(button.clicked):
            QTest.mouseClick(target, Qt.MouseButton.LeftButton, pos=target.mapFrom(window, on_text))

    assert window.childAt(on_text) is button.label  # its text takes the first tap...
    tap()  # ...and hands it on
    assert window.childAt(on_text) is button  # from then on taps go through the text
    tap()
    assert button.label.alignment() == Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter


def test_a_checked_wrapping_button_shows_its_text_as_on(kiosk: Kiosk, qtbot: QtBot) -> None:
    button = WrappingButton("A choice")
    button.setParent(kiosk.window)  # under the kiosk's stylesheet, which is the window's
    set_role(button, "option")
    button.setCheckable(True)
    button.show()
    qtbot.waitExposed(button)
    assert not button.label.font().bold()

    button.setChecked(True)
    assert button.label.property("on") is True
    assert button.label.font().bold()  # the stylesheet's look for "on", applied at once

    button.setChecked(False)
    assert not button.label.font().bold()


def test_flags_given_by_name_lock_the_window_as_set_window_flags_does(
    kiosk: Kiosk, qtbot: QtBot
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    window = QWidget()
    qtbot.addWidget(window)
    lockdown = LockDown(app, window)

    lockdown.give_flags()  # before shown, as the kiosk's start does
    lockdown.engage(watch_keys_now=False)
    qtbot.waitExposed(window)
    native = window.windowHandle().flags()
    lockdown.watch_keys()
    try:
        for flags in (native, window.windowFlags()):
            assert flags & Qt.WindowType.FramelessWindowHint
            assert flags & Qt.WindowType.WindowStaysOnTopHint
        assert window.windowFlags() == native
        assert window.isFullScreen()
    finally:
        lockdown.release()
