"""A tour of every screen of the kiosk, driven through the real widgets.

Used by `kiosk screenshots` (a picture of each screen) and by the tests'
accessibility audit (every screen checked for target sizes, contrast,
clipped text). A tour takes one service in one language and one look.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlite_utils import Database

from kiosk.clock import Clock
from kiosk.forms import Field, FieldType
from kiosk.staff import Role, add_staff
from ui.app import Kiosk
from ui.screens.check_by_id import CheckByIdScreen
from ui.walkthrough import Walkthrough

TOUR_CLERK_ID = "1001"
TOUR_CLERK_PIN = "2468"
TOUR_SUPERVISOR_ID = "2001"
TOUR_SUPERVISOR_PIN = "97531"
TOUR_ADMINISTRATOR_ID = "9001"
TOUR_ADMINISTRATOR_PIN = "482915"


def add_tour_staff(db: Database, clock: Clock) -> None:
    """The clerk a tour signs in as, a supervisor, and an administrator (who may open
    the enrolment screen), on the tour's fresh database."""
    add_staff(db, TOUR_CLERK_ID, "Tour clerk", Role.CLERK, TOUR_CLERK_PIN, clock)
    add_staff(
        db, TOUR_SUPERVISOR_ID, "Tour supervisor", Role.SUPERVISOR, TOUR_SUPERVISOR_PIN, clock
    )
    add_staff(
        db,
        TOUR_ADMINISTRATOR_ID,
        "Tour administrator",
        Role.ADMINISTRATOR,
        TOUR_ADMINISTRATOR_PIN,
        clock,
    )


INVALID_ID_NUMBER = "110105194912310021"
"""A well-formed ID number with a wrong check character, to show the problem message."""

Visit = Callable[[str], None]


@dataclass(frozen=True)
class TourPlan:
    """What to tour: a service, a language, and how the screens look."""

    service: str
    language: str
    elderly: bool = False
    high_contrast: bool = False
    every_question: bool = False
    """Every question of the service, or only the first of each field type."""


class ScreenTour:
    """Walks a kiosk through its screens, calling `visit(name)` on each one."""

    def __init__(self, kiosk: Kiosk, settle: Callable[[], None]) -> None:
        self.kiosk = kiosk
        self.walk = Walkthrough(kiosk, settle)
        self.settle = settle
        self.visit: Visit = lambda name: None

    def run(self, plan: TourPlan, visit: Visit) -> None:
        """Start, identify, questions (household members too, and "you cannot apply"
        where an answer can rule the person out), review, confirmation (and another
        service's carried answers), complaint, idle, check, clerk, figures, assisted
        consent, check by ID number, and enrolment (signed in as the administrator;
        it shows the identify screen's camera view: there is one)."""
        self.visit = visit
        screens = self.walk.screens
        self._prepare_start(plan)
        self._visit("start")
        screens.start.service_tiles[plan.service].click()
        self.settle()
        self._visit("identify")
        screens.identify.id_input.setText(INVALID_ID_NUMBER)
        screens.identify.continue_button.click()
        self._visit("identify-problem")
        self.walk.identify()
        seen: set[FieldType] = set()
        seen_pages: set[str] = set()

        def question(field: Field) -> None:
            if field.decides_eligibility and "cannot-apply" not in seen_pages:
                seen_pages.add("cannot-apply")
                self._visit_cannot_apply()
            if plan.every_question or field.type not in seen:
                seen.add(field.type)
                self.walk.answer_current(self.walk.value_for(plan.service, field))
                self._visit(
                    f"question-{field.id}"
                    if plan.every_question
                    else f"question-{field.type.value}"
                )

        def group(field: Field) -> None:
            if not plan.every_question:
                return  # the pictures' numbering, which the guides name, stays as it is
            members = screens.members
            count = len(members.item_buttons)
            self._visit(f"{field.id}-{count}")
            if count and not members.confirm_text.isVisible():
                members.remove_buttons[-1].click()  # asks first: shown, then kept
                self._visit(f"{field.id}-remove")
                members.keep_button.click()

        self.walk.answer_all(plan.service, on_question=question, on_group=group)
        self._visit("review")
        tracking_number = self.walk.agree_and_submit()
        self._visit("confirmation")
        if plan.every_question:
            self._visit_next_service()
        screens.confirmation.more_button.click()
        self._visit("complaint-or-suggestion")
        self.kiosk.navigator.reset(keep_draft=False)

        self._prepare_start(plan)
        screens.start.service_tiles[plan.service].click()
        self.settle()
        self.walk.identify()
        self.kiosk.window.idle_overlay.start(self.kiosk.services.config.countdown_seconds)
        self._visit("are-you-still-there")
        self.kiosk.window.idle_overlay.dismiss()
        self.kiosk.navigator.reset(keep_draft=True)

        self._prepare_start(plan)
        screens.start.check_button.click()
        screens.check.number_input.setText(tracking_number)
        screens.check.lookup_button.click()
        self._visit("check-my-application")
        self.kiosk.navigator.reset(keep_draft=False)

        self._prepare_start(plan)
        screens.start.clerk_button.click()
        self._visit("clerk-sign-in")
        self._sign_in(TOUR_CLERK_ID, TOUR_CLERK_PIN)
        self._visit("clerk")
        self.kiosk.clerk.home_screen.dashboard_button.click()
        self._visit("clerk-figures")
        figures = self.kiosk.dashboard
        assert figures is not None
        figures.screen.back_button.click()
        self.kiosk.clerk.home_screen.assist_button.click()
        self._visit("clerk-assisted-consent")
        self.kiosk.navigator.reset(keep_draft=False)

        # Last, so that the pictures before it keep the numbers the guides name.
        self._prepare_start(plan)
        screens.start.check_button.click()
        screens.check.by_id_button.click()
        by_id = self.kiosk.window.current_screen()
        assert isinstance(by_id, CheckByIdScreen)
        id_number = self.walk.applicant.id_number
        by_id.fill(id_number, id_number[6:14])  # the birth date the number carries
        by_id.lookup_button.click()
        self._visit("check-by-id-number")
        self.kiosk.navigator.reset(keep_draft=False)

        self._prepare_start(plan)
        screens.start.clerk_button.click()
        self._sign_in(TOUR_ADMINISTRATOR_ID, TOUR_ADMINISTRATOR_PIN)
        self.kiosk.clerk.home_screen.enrol_button.click()
        enrolment = self.kiosk.clerk.enrolment
        assert enrolment is not None
        self.settle()
        assert self.kiosk.window.current_screen() is enrolment.screen
        self._visit("enrolment")
        self.kiosk.navigator.reset(keep_draft=False)

    def _sign_in(self, staff_id: str, pin: str) -> None:
        """On the sign-in screen: staff number and PIN, then Sign in."""
        pin_screen = self.kiosk.clerk.pin_screen
        pin_screen.staff_input.setText(staff_id)
        pin_screen.pin_input.setText(pin)
        pin_screen.sign_in_button.click()
        self.settle()  # the PIN is checked on the storage lane

    def _visit_next_service(self) -> None:
        """Another service of the same visit: its carried answers on one page ("Is this
        still right?"), then Back to the confirmation (only in every-question tours, so
        the pictures' numbering, which the guides name, stays as it is)."""
        screens = self.walk.screens
        offers = list(screens.confirmation.offers.buttons.values())
        if not offers:
            return
        offers[0].click()
        self._visit("same-visit-answers")
        screens.carried.back_button.click()
        self.settle()

    def _visit_cannot_apply(self) -> None:
        """Give the answer that rules the person out, see the page that says so, and
        go back to the question to answer it as the sample applicant would."""
        screens = self.walk.screens
        for refused in (True, False):
            self.walk.answer_current(refused)
            screens.question.next_button.click()
            self.settle()
            if self.kiosk.window.current_screen() is screens.ineligible:
                self._visit("cannot-apply")
                screens.ineligible.change_button.click()
                self.settle()
                return

    def _prepare_start(self, plan: TourPlan) -> None:
        start = self.walk.screens.start
        start.language_buttons[plan.language].click()
        if start.larger_text_button.isChecked() != plan.elderly:
            start.larger_text_button.click()
        if start.contrast_button.isChecked() != plan.high_contrast:
            start.contrast_button.click()

    def _visit(self, name: str) -> None:
        self.settle()
        self.visit(name)
