"""The first screen: language, the services as large tiles, checking an earlier
application, and a small entry for the clerk."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from kiosk.catalogue import ServiceTitle
from ui.i18n import language, translate
from ui.screens.base import Screen, wrapped_label
from ui.theme import set_role
from ui.widgets.wrapping_button import WrappingButton

TILE_COLUMNS = 2


class StartScreen(Screen):
    """Choose a language, then a service."""

    language_chosen = Signal(str)
    service_chosen = Signal(str)
    check_requested = Signal()
    clerk_requested = Signal()
    larger_text_toggled = Signal(bool)
    high_contrast_toggled = Signal(bool)

    def __init__(
        self,
        languages: Sequence[str],
        services: Sequence[ServiceTitle],
        current_language: Callable[[], str],
        township: Mapping[str, str],
    ) -> None:
        super().__init__()
        self._current_language = current_language
        self._township = township
        self._services = list(services)

        language_row = QHBoxLayout()
        self._language_group = QButtonGroup(self)
        self.language_buttons: dict[str, QPushButton] = {}
        for code in languages:
            # A wrapping button measures its text as drawn: in large text the Arabic
            # script (a fallback font, taller than the base font) needs more height
            # than a plain button's size hint gives it.
            button = WrappingButton(language(code).native_name)
            button.setCheckable(True)
            # A language's name never shrinks; the toggles below it wrap instead.
            policy = button.sizePolicy()
            policy.setHorizontalPolicy(QSizePolicy.Policy.Fixed)
            button.setSizePolicy(policy)
            set_role(button, "language")
            button.clicked.connect(lambda _=False, c=code: self.language_chosen.emit(c))
            self._language_group.addButton(button)
            self.language_buttons[code] = button
            language_row.addWidget(button)
        language_row.addStretch()
        self.outer.insertLayout(0, language_row)
        # How the kiosk looks and speaks, in a row of its own so that neither
        # it nor the languages are squeezed in large text.
        presentation_row = QHBoxLayout()
        self.larger_text_button = WrappingButton()
        self.contrast_button = WrappingButton()
        for toggle, changed in (
            (self.larger_text_button, self.larger_text_toggled),
            (self.contrast_button, self.high_contrast_toggled),
        ):
            set_role(toggle, "toggle")
            toggle.setCheckable(True)
            toggle.toggled.connect(changed)
            presentation_row.addWidget(toggle)
        presentation_row.addStretch()
        self.outer.insertLayout(1, presentation_row)
        self.centre = wrapped_label("help")
        self.content.addWidget(self.centre)
        self.assisting = wrapped_label("notice")
        self.assisting.hide()
        self._assisting: tuple[str, str] | None = None
        self.content.addWidget(self.assisting)
        self.notice = wrapped_label("notice")
        self.notice.hide()
        self._notice: Callable[[], str] | None = None
        self.content.addWidget(self.notice)
        self._taking = True
        """Whether services are offered (not held while the kiosk is being set up)."""
        self._reads_aloud = False
        """Whether a voice reads the screens in the language on screen (the toggle says so)."""
        self.setting_up = wrapped_label("notice")
        self.setting_up.hide()
        self.content.addWidget(self.setting_up)

        self._tiles = QGridLayout()
        self._tiles.setSpacing(24)
        self.service_tiles: dict[str, QPushButton] = {}
        for form in self._services:
            self._add_tile(form.id)
        self.content.addLayout(self._tiles)
        self.content.addStretch()

        self.check_button = self.add_button("primary")
        self.check_button.clicked.connect(self.check_requested)
        self.clerk_button = self.add_button("discreet", stretch_before=True)
        self.clerk_button.clicked.connect(self.clerk_requested)
        self.retranslate()

    def add_status(self, widget: QWidget) -> None:
        """A small status line (the link to the county office) under the service tiles,
        where it wraps and scrolls with them: beside the toggles it pushed them, and the
        window, wider than the screen; the services come first.

        Added once the kiosk is fully built, so the start screen appears without
        waiting for the sync code to load.
        """
        self.content.insertWidget(self.content.count() - 1, widget)  # before the stretch

    def offer_services(self, offered: Sequence[ServiceTitle]) -> None:
        """Show the tiles of the services offered now, titled as their newest version is:
        a retired service disappears, a new one appears, a renamed one is renamed."""
        self._services = list(offered)
        ids = {form.id for form in offered}
        for form_id in ids - self.service_tiles.keys():
            self._add_tile(form_id)
        for form_id, tile in self.service_tiles.items():
            tile.setVisible(self._taking and form_id in ids)
        self.retranslate()

    def hold_for_setup(self, held: bool, say_why: bool = True) -> None:
        """While `held` (a kiosk not enrolled yet that takes no applications before),
        say that the kiosk is being set up instead of offering services or checks;
        the staff's sign-in stays. Without `say_why` nothing is said: held only until
        the database tells whether the kiosk is enrolled, so that no tap in the
        meantime starts an application the platform would never take."""
        self._taking = not held
        self.title.setVisible(not held)  # no service to choose: the notice says why
        self.setting_up.setVisible(held and say_why)
        self.check_button.setVisible(not held)
        self.offer_services(self._services)

    def _add_tile(self, form_id: str) -> None:
        index = len(self.service_tiles)
        tile = WrappingButton()
        set_role(tile, "tile")
        tile.clicked.connect(lambda _=False: self.service_chosen.emit(form_id))
        self.service_tiles[form_id] = tile
        self._tiles.addWidget(tile, index // TILE_COLUMNS, index % TILE_COLUMNS)

    def offer_reading(self, can: bool) -> None:
        """The larger-text toggle promises reading aloud only where a voice can do it:
        without one it gives the larger text, the time and the simpler wording."""
        super().offer_reading(can)
        self._reads_aloud = can
        self.larger_text_button.setText(self._larger_text_label())

    def _larger_text_label(self) -> str:
        if self._reads_aloud:
            return translate("StartScreen", "Larger text, read aloud")
        return translate("StartScreen", "Larger text")

    def show_notice(self, message: Callable[[], str] | None) -> None:
        """A message for everyone who comes to the kiosk, in the language on screen
        (`message` gives it in the current language; None: nothing to say)."""
        self._notice = message
        self.notice.setText("" if message is None else message())
        self.notice.setVisible(message is not None)

    def show_assisting(self, name: str | None, staff_id: str = "") -> None:
        """Say that a clerk (`name`) fills in with the applicant, or (None) that nobody does."""
        self._assisting = None if name is None else (name, staff_id)
        self.assisting.setVisible(name is not None)
        self.retranslate()

    def show_presentation(self, elderly: bool, high_contrast: bool) -> None:
        """Show the toggles as they are (after a reset both are off)."""
        for button, on in (
            (self.larger_text_button, elderly),
            (self.contrast_button, high_contrast),
        ):
            button.blockSignals(True)
            button.setChecked(on)
            button.blockSignals(False)

    def retranslate(self) -> None:
        code = self._current_language()
        self.title.setText(translate("StartScreen", "What would you like to apply for today?"))
        township = self._township.get(code) or next(iter(self._township.values()), "")
        self.centre.setText(
            translate("StartScreen", "{township} service centre").format(township=township)
        )
        self.check_button.setText(translate("StartScreen", "Check my application"))
        self.setting_up.setText(
            translate(
                "StartScreen",
                "This kiosk is being set up and does not take applications yet."
                " Please ask the staff for help.",
            )
        )
        self.clerk_button.setText(translate("StartScreen", "Staff"))
        if self._notice is not None:
            self.notice.setText(self._notice())
        if self._assisting is not None:
            name, staff_id = self._assisting
            self.assisting.setText(
                translate(
                    "StartScreen",
                    "A clerk is helping you: {name} (staff number {staff_id}).",
                ).format(name=name, staff_id=staff_id)
            )
        else:
            self.assisting.clear()
        self.larger_text_button.setText(self._larger_text_label())
        self.contrast_button.setText(translate("StartScreen", "High contrast"))
        for code_of_button, button in self.language_buttons.items():
            button.setChecked(code_of_button == code)
        for form in self._services:
            self.service_tiles[form.id].setText(form.title.get(code))
