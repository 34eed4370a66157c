"""The applicant's way through the screens: start, identify, questions, review,
submit, confirmation, and back to a clean start.

One visit may hold several applications: once the ID is read the other services
this person may apply for are named, and after a submit they are offered; one
chosen starts with the answers already given carried over (kiosk.visit), shown
on one page to confirm rather than asked again. The visit lives in memory only
and ends with the reset.

This is navigation only. What to ask, whether an answer fits and what is
stored are decided by `kiosk/` (the steps that span several parts are in
:mod:`kiosk.applicant_actions`); every write goes through the storage lane,
and the person is told "submitted" only after the commit has returned. The
flow moves the kiosk through its :class:`~ui.navigation.Navigator` and takes
what it works with from :class:`~ui.kiosk_parts.KioskParts`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from kiosk.forms import (
    REVIEW,
    Field,
    FieldType,
    FormDefinition,
    Problem,
    ProblemCode,
    ValidationContext,
    Wizard,
    check_id_number,
    claims_from_id_number,
    normalise_id_number,
)
from kiosk.visit import Visit, carry_over
from ui.answer_text import display_answer, item_answers_text
from ui.i18n import translate
from ui.kiosk_parts import KioskParts
from ui.navigation import Navigator
from ui.problems import answer_message, failure_message
from ui.screens.base import Screen
from ui.screens.carried import CarriedRow, CarriedScreen
from ui.screens.check_status import CheckStatusScreen
from ui.screens.confirmation import ConfirmationScreen
from ui.screens.identify import IdentifyScreen
from ui.screens.ineligible import IneligibleScreen
from ui.screens.members import ItemSummary, MembersScreen
from ui.screens.question import QuestionScreen
from ui.screens.review import ReviewScreen
from ui.screens.start import StartScreen

if TYPE_CHECKING:  # storage code is imported on the storage lane, after the first screen
    from kiosk.applicant_actions import FoundApplication
    from kiosk.applications import Application
    from kiosk.dashboard import Snapshot
    from kiosk.identity import IdentityResult
    from kiosk.storage import KioskStorage
    from sync.status_pull import LatestStatus
    from ui.print_runner import ReceiptOutcome

log = logging.getLogger(__name__)

ProblemScreen = IdentifyScreen | QuestionScreen | MembersScreen | ReviewScreen


@dataclass
class ApplicantSession:
    """Everything about the person at the kiosk now; dropped whole on reset."""

    form: FormDefinition
    wizard: Wizard
    application: Application | None = None
    returning_to_review: bool = False
    identity_check: dict[str, object] | None = None
    corrected_by: str | None = None
    """The clerk (``clerk:1001``) correcting this submitted application, if any:
    its answers are then saved only when it is submitted again."""
    carried: tuple[str, ...] = ()
    """The answers carried over from an earlier application of the visit (field ids):
    this application was started from an offer of another service, with the ID read once."""
    set_aside: bool = False
    """The person chose another service first on the ID screen: this draft goes even
    when it was written after the choice (it held only what the ID told)."""


@dataclass(frozen=True)
class ApplicantScreens:
    """The screens of the applicant's path, built once and reused."""

    start: StartScreen
    identify: IdentifyScreen
    question: QuestionScreen
    members: MembersScreen
    review: ReviewScreen
    confirmation: ConfirmationScreen
    check: CheckStatusScreen
    ineligible: IneligibleScreen
    carried: CarriedScreen

    def all(self) -> tuple[Screen, ...]:
        """Every screen, for registering and for clearing on reset."""
        return (
            self.start,
            self.identify,
            self.question,
            self.members,
            self.review,
            self.confirmation,
            self.check,
            self.ineligible,
            self.carried,
        )


class ApplicantFlow(QObject):
    """Moves the applicant between screens and asks the core to store each step."""

    submitted = Signal(str)
    """Emitted with the tracking number once an application is committed."""

    def __init__(self, navigator: Navigator, screens: ApplicantScreens, parts: KioskParts) -> None:
        super().__init__()
        self._nav = navigator
        self.screens = screens
        self._parts = parts
        self._services = parts.services
        self._storage = parts.storage
        self.session: ApplicantSession | None = None
        self.assisted_by: str | None = None
        """The staff id of the clerk filling in with the applicant, who consented to it."""
        self.clerk_assisting = False
        """Whether a signed-in clerk fills this application in with the applicant
        (then a verified ID's photo is shown for the clerk to compare)."""
        self.accepts_new_applications = True
        """False while the disk is too full for a submit to be sure to succeed."""
        self.visit: Visit | None = None
        """The person at the kiosk now, across the applications of their visit."""
        self._connect()

    # -- wiring -----------------------------------------------------------

    def _connect(self) -> None:
        s, nav, parts = self.screens, self._nav, self._parts
        s.start.language_chosen.connect(nav.choose_language)
        s.start.service_chosen.connect(self.start_service)
        s.start.check_requested.connect(lambda: nav.show(s.check))
        s.identify.id_entered.connect(self._identified)
        s.identify.code_scanned.connect(self._scanned)
        s.identify.skip_requested.connect(self._show_current_question)
        s.identify.read_accepted.connect(self._show_current_question)
        s.identify.service_chosen.connect(self._first_another_service)
        s.identify.back_requested.connect(nav.back_to_start)
        s.identify.id_input.textChanged.connect(self._recheck_id_number)
        s.question.answer_changed.connect(self._recheck_answer)
        s.question.next_requested.connect(self._next)
        s.question.back_requested.connect(self._back)
        s.question.photo_chosen.connect(self._keep_photo)
        s.members.add_requested.connect(self._add_item)
        s.members.edit_requested.connect(self._edit_item)
        s.members.remove_confirmed.connect(self._remove_item)
        s.members.next_requested.connect(self._next_from_group)
        s.members.back_requested.connect(self._back)
        s.review.edit_requested.connect(self._edit_from_review)
        s.review.consent_changed.connect(self._consent_changed)
        s.review.back_requested.connect(self._back_from_review)
        s.review.submit_requested.connect(self._submit)
        s.confirmation.finished.connect(lambda: nav.reset(keep_draft=False))
        s.confirmation.service_chosen.connect(self.start_next_service)
        s.carried.confirmed.connect(self._carried_confirmed)
        s.carried.back_requested.connect(self._not_this_service)
        s.ineligible.change_requested.connect(lambda: nav.show(s.question))
        s.ineligible.finish_later_requested.connect(lambda: nav.reset(keep_draft=True))
        s.ineligible.start_again_requested.connect(self._start_again)
        s.check.lookup_requested.connect(self._look_up)
        s.check.back_requested.connect(nav.back_to_start)
        parts.printing.receipt_outcome.connect(self._receipt_outcome)
        if parts.sync.configured:
            self._show_connection()
        else:  # USB transfer only: the line appears once the kiosk is enrolled
            parts.sync.retargeted.connect(
                self._show_connection, Qt.ConnectionType.SingleShotConnection
            )
        s.start.larger_text_toggled.connect(parts.presentation.set_elderly)
        s.start.high_contrast_toggled.connect(parts.presentation.set_high_contrast)
        parts.presentation.changed.connect(self._presentation_changed)
        for screen in s.all():
            screen.read_aloud_requested.connect(nav.read_aloud)
        nav.leaving.connect(self._leaving)
        nav.going_back.connect(self._gone_back)

    def _show_connection(self) -> None:
        """The link to the county office on the start screen, once there is one."""
        from ui.widgets.connection_indicator import ConnectionIndicator

        indicator = ConnectionIndicator(self._services.zone)
        self.screens.start.add_status(indicator)
        self._parts.sync.report.connect(indicator.update_report)

    # -- start ------------------------------------------------------------

    @property
    def language(self) -> str:
        """The language of the screens and of the form texts now."""
        return self._nav.language

    def take_capacity(self, found: Snapshot) -> None:
        """Stop or resume taking new applications as the disk fills or frees up."""
        from ui.capacity_watch import refusal_message

        accepts = found.capacity.accepts_new_applications
        if accepts != self.accepts_new_applications:
            log.warning("new applications %s", "accepted again" if accepts else "refused")
        self.accepts_new_applications = accepts
        self.screens.start.show_notice(None if accepts else refusal_message)

    def start_service(self, form_id: str) -> None:
        """Begin a new application for the newest version of a service."""
        if not self._may_start(form_id):
            return
        form = self._services.catalogue.newest(form_id)
        self.visit = Visit()
        self._begin(form, Wizard(form, self._context()), None)
        self._create_draft(form)
        self._nav.show(self.screens.identify)

    def start_next_service(self, form_id: str) -> None:
        """Another service in the same visit: the ID is not read again, and the answers
        already given are carried over and shown on one page to confirm."""
        visit = self.visit
        if visit is None or not self._may_start(form_id):
            return  # the visit ended (reset) before the tap arrived, or the disk is full
        form = self._services.catalogue.newest(form_id)
        carried = carry_over(form, visit.known, self._context())
        self._begin(form, Wizard(form, self._context(), carried.answers), None)
        session = self._require_session()
        session.carried = tuple(carried.answers)
        session.identity_check = visit.identity_check
        self._create_draft(form)
        log.info("visit: %s started after %d application(s)", form.id, len(visit.applications))
        self._show_carried()

    def _first_another_service(self, form_id: str) -> None:
        """Once the ID is read, the person chose to apply for another service first: it
        starts as one chosen after a submit does (the answers carried, shown to confirm).
        The application begun is set aside, its draft dropped (it held only what the ID
        told, which the visit keeps): it is offered again after the chosen one."""
        session = self.session
        if session is None or self.visit is None or not self._may_start(form_id):
            return
        session.set_aside = True
        self._end_session(keep_draft=False)
        self.start_next_service(form_id)

    def _may_start(self, form_id: str) -> bool:
        """False (and the person told why) while the disk is too full for a new application."""
        if self.accepts_new_applications:
            return True
        from ui.capacity_watch import refusal_message

        log.warning("service %s not started: storage almost full", form_id)
        self._nav.announce(refusal_message())
        return False

    def _create_draft(self, form: FormDefinition) -> None:
        """Write the new application's draft on the storage lane (answers follow it)."""
        language, assisted_by, clock = self.language, self.assisted_by, self._services.clock
        visit = self.visit.id if self.visit is not None else None

        def create(storage: KioskStorage) -> Application:
            from kiosk.applicant_actions import start_application

            return start_application(
                storage, form.id, form.version, language, assisted_by, clock, visit
            )

        session = self.session
        self._storage.run(
            create, lambda draft: self._draft_created(session, draft), self._storage_failed
        )

    def _show_carried(self) -> None:
        """The carried answers on one page ("Is this still right?"); without any, the
        first question."""
        session = self._require_session()
        wizard, language = session.wizard, self.language
        if not session.carried:
            self._show_current_question()
            return
        simple, regions = self._parts.presentation.elderly, self._services.regions
        asked = {field.id for field in wizard.questions()}
        rows = []
        for field_id in session.carried:
            if field_id not in asked:
                continue  # not asked with these answers: dropped at submit, not shown
            field = session.form.field(field_id)
            answer = wizard.answer(field_id)
            if field.repeats:
                shown = "\n".join(
                    f"{field.item_label_in(language, number)}: "
                    + item_answers_text(field, entry, language, regions, simple)
                    for number, entry in enumerate(wizard.items(field_id), start=1)
                )
            else:
                shown = display_answer(field, answer, language, regions, simple)
            rows.append(CarriedRow(field_id, field.label_in(language, simple), shown))
        self.screens.carried.show_answers(session.form.title.get(language), rows)
        self._nav.show(self.screens.carried)

    def _carried_confirmed(self, field_ids: list[str]) -> None:
        """The person confirmed these carried answers: they are not asked again."""
        session = self._require_session()
        session.wizard.confirm(field_ids)
        self._show_current_question()

    def _not_this_service(self) -> None:
        """Back from the carried answers: this service is not wanted after all. Its draft
        goes (nothing was answered in it) and the last confirmation shows again; chosen
        before any submit (on the ID screen), Back leads to the start, as it does there."""
        self._discard_draft()
        if self.visit is None or not self.visit.applications:
            self._nav.back_to_start()
            return
        self.session = None
        self._parts.inactivity.disarm()
        self.screens.confirmation.resume_countdown()
        self._nav.show(self.screens.confirmation)

    # -- handed over by a clerk (see ui.clerk_assistance.ApplicantDesk) ---------

    def resume(self, application: Application) -> None:
        """Continue a draft where it was left, on the form version it started with.

        Only a signed-in clerk resumes drafts, so a verified ID's photo is shown to them.
        """
        self.clerk_assisting = True
        form = self._services.catalogue.get(application.form_id, application.form_version)
        self._nav.choose_language(application.language)
        wizard = Wizard(form, self._context(), dict(application.answers), application.position)
        self._begin(form, wizard, application)
        self._show_current_question()

    def correct(self, application: Application, actor: str) -> None:
        """Open a submitted application on its review screen for a clerk to correct."""
        form = self._services.catalogue.get(application.form_id, application.form_version)
        self._nav.choose_language(application.language)
        self._begin(form, Wizard(form, self._context(), dict(application.answers)), application)
        assert self.session is not None
        self.session.corrected_by = actor
        self._show_review()

    def assist(self, staff_id: str, name: str) -> None:
        """The applicant agreed to be helped by this clerk: the next application started
        is marked with their id, a verified ID's photo is shown to them, and the start
        screen says who is helping, in the language the applicant chose."""
        self.assisted_by = staff_id
        self.clerk_assisting = True
        self.screens.start.show_assisting(name, staff_id)
        self._nav.show(self.screens.start)

    def _begin(self, form: FormDefinition, wizard: Wizard, application: Application | None) -> None:
        self.session = ApplicantSession(form, wizard, application)
        self._parts.inactivity.arm()

    def _draft_created(self, session: ApplicantSession | None, application: Application) -> None:
        if session is not None and session is not self.session:
            # Left before the draft was written: kept only if something was answered.
            session.application = application
            self._drop_if_empty(session)
            return
        if self.session is not None and self.session.application is None:
            self.session.application = application
            self._save_draft()
            self._record_identity_check()

    def _drop_if_empty(self, session: ApplicantSession) -> None:
        """Delete a draft nothing was answered in (a tile tapped, then Back; another
        service of the visit chosen, then left with only the answers carried into it):
        it would only fill the clerk's list with drafts nobody started."""
        application = session.application
        answered = set(session.wizard.answers) - set(session.carried)
        if application is None or session.corrected_by is not None:
            return  # not written yet (dropped when it is, see _draft_created), or a correction
        if answered and not session.set_aside:
            return  # worth keeping
        uuid = application.uuid
        self._storage.run(
            lambda storage: storage.applications.discard_draft(uuid),
            on_failure=self._storage_failed,
        )

    def _record_identity_check(self) -> None:
        """Keep with the draft how the applicant was identified (for the back office)."""
        session = self.session
        if session is None or session.application is None or session.identity_check is None:
            return  # recorded as soon as the draft exists (see _draft_created)
        uuid, record = session.application.uuid, dict(session.identity_check)
        self._storage.run(
            lambda storage: storage.applications.record_identity_check(uuid, record),
            on_failure=self._storage_failed,
        )

    # -- identify -----------------------------------------------------------

    def _identified(self, typed: str) -> None:
        session = self._require_session()
        today = self._today()
        number = normalise_id_number(typed)
        id_problem = check_id_number(number, today)
        if id_problem is not None:
            problem = Problem(ProblemCode(id_problem.value))
            self._explain(self.screens.identify, answer_message(problem, self.language))
            return
        session.identity_check = {
            "format": "typed",
            "outcome": "typed",
            "checked_at": self._services.clock.now().isoformat(),
        }
        session.wizard.prefill(claims_from_id_number(number, today))
        self._learn_identity(session)
        self._record_identity_check()
        self._save_draft()
        self._show_current_question()

    def _recheck_id_number(self, typed: str) -> None:
        """Take the problem message away once the number it was about is put right."""
        identify = self.screens.identify
        if (
            identify.problem.isVisible()
            and check_id_number(normalise_id_number(typed), self._today()) is None
        ):
            identify.show_problem(None)

    def _scanned(self, text: str) -> None:
        """Check a scanned code on the storage lane, against the trust list in force now."""
        session = self._require_session()
        now = self._services.clock.now()
        data_dir = self._services.paths.data_dir

        def check(storage: KioskStorage) -> IdentityResult:
            from kiosk.applicant_actions import check_scanned_id

            return check_scanned_id(storage, text, data_dir, now)

        self._storage.run(
            check, lambda found: self._checked(session, found, now), self._storage_failed
        )

    def _checked(self, session: ApplicantSession, found: IdentityResult, now: datetime) -> None:
        if self.session is not session:
            return  # the kiosk was reset while the code was being checked
        log.info("ID scan: %s %s %s", found.format, found.outcome.value, found.detail)
        identify = self.screens.identify
        message = identify.show_scan_outcome(found, self.language)
        self._nav.announce(message)
        session.identity_check = found.record(now)
        self._record_identity_check()
        if not found.prefill_claims:
            return
        session.wizard.prefill(found.prefill_claims)
        self._learn_identity(session)
        offers = [(form.id, form.title.get(self.language)) for form in self._offers(session)]
        identify.show_visit_offers(offers)
        self._save_draft()
        if self.clerk_assisting and found.photo is not None:
            identify.show_clerk_photo(found.photo)  # the clerk goes on after comparing
            return
        if offers:
            return  # the person chooses: one of the tiles, or Continue with this service
        # Tied to the screen, so a kiosk closed in the meantime is not called back.
        QTimer.singleShot(2500, identify, self._after_scan)

    def _learn_identity(self, session: ApplicantSession) -> None:
        """The ID is read: the visit keeps who this is and how that was checked."""
        if self.visit is not None:
            self.visit.identity_check = session.identity_check
            self.visit.learn(session.form, session.wizard.answers)

    def _offers(self, session: ApplicantSession) -> list[FormDefinition]:
        """The other services to offer this person, from what is known now."""
        if self.visit is None or session.corrected_by is not None:
            return []
        return self.visit.offers(
            self._services.catalogue.services(), self._context(), current=session.form.id
        )

    def _after_scan(self) -> None:
        if self.session is not None and self.screens.identify.isVisible():
            self._show_current_question()

    # -- questions ----------------------------------------------------------

    def _show_current_question(self) -> None:
        session = self._require_session()
        wizard = session.wizard
        field = wizard.current()
        if field is None:
            self._show_review()
            return
        if field.repeats:
            self._show_group(session, field)
            return
        place = wizard.current_item()
        simple = self._parts.presentation.elderly
        self.screens.question.show_question(
            session.form,
            field,
            self.language,
            wizard.current_answer(),
            (wizard.index() + 1, wizard.total()),
            simple=simple,
            heading=(
                None if place is None else place.group.item_label_in(self.language, place.index + 1)
            ),
        )
        self._nav.show(self.screens.question)

    def _show_group(self, session: ApplicantSession, group: Field) -> None:
        """The summary of a repeating group: its items, Add, and Remove for each."""
        wizard, language = session.wizard, self.language
        simple = self._parts.presentation.elderly
        regions = self._services.regions
        unfinished = wizard.item_problems(group.id)
        summaries = [
            ItemSummary(
                group.item_label_in(language, number),
                item_answers_text(group, entry, language, regions, simple),
                not unfinished[number - 1],
            )
            for number, entry in enumerate(wizard.items(group.id), start=1)
        ]
        can_add = not isinstance(group.max, int) or len(summaries) < group.max
        self.screens.members.show_group(
            session.form.title.get(language),
            group.label_in(language, simple),
            group.help_in(language, simple),
            group.item_label.get(language) if group.item_label is not None else "",
            summaries,
            can_add,
        )
        self._nav.show(self.screens.members)

    def _add_item(self) -> None:
        session = self._require_session()
        group = session.wizard.current()
        if group is None or not session.wizard.add_item(group.id):
            return  # the button is disabled at the group's maximum
        self._save_draft()
        self._show_current_question()

    def _edit_item(self, index: int) -> None:
        session = self._require_session()
        group = session.wizard.current()
        if group is not None:
            session.wizard.edit_item(group.id, index)
            self._show_current_question()

    def _remove_item(self, index: int) -> None:
        """The applicant confirmed on the summary that this item goes."""
        session = self._require_session()
        group = session.wizard.current()
        if group is not None:
            session.wizard.remove_item(group.id, index)
            self._save_draft()
            self._show_current_question()

    def _next_from_group(self) -> None:
        session = self._require_session()
        if session.returning_to_review:
            self._return_to_review()
            return
        step = session.wizard.next()
        if step.problem is not None:
            self._explain(self.screens.members, answer_message(step.problem, self.language))
            return
        self._save_draft()
        self._show_current_question()

    def _next(self) -> None:
        session = self._require_session()
        problem = session.wizard.set_answer(self.screens.question.raw_answer())
        field = session.wizard.current()
        if (
            problem is not None
            and problem.code is ProblemCode.CONSTRAINT
            and field is not None
            and field.decides_eligibility
        ):
            self._cannot_apply(session, answer_message(problem, self.language))
            return
        if problem is not None:
            self._explain(self.screens.question, answer_message(problem, self.language))
            return
        # An item's questions are gone through to the group's summary even when
        # changed from the review screen: the summary then leads back to review.
        if session.returning_to_review and session.wizard.current_item() is None:
            self._return_to_review()
            return
        step = session.wizard.next()
        if step.problem is not None:
            self._explain(self.screens.question, answer_message(step.problem, self.language))
            return
        self._save_draft()
        self._show_current_question()

    def _cannot_apply(self, session: ApplicantSession, reason: str) -> None:
        """The answer means the person cannot apply: say so on a page of its own."""
        self._save_draft()
        self.screens.question.show_problem(None)
        self.screens.ineligible.show_reason(session.form.title.get(self.language), reason)
        self._nav.show(self.screens.ineligible)

    def _start_again(self) -> None:
        """Drop this application (nothing of it is kept) and go back to the start."""
        self._discard_draft()
        self._nav.reset(keep_draft=False)

    def _discard_draft(self) -> None:
        """Delete the current application's draft: the person does not want it."""
        session = self.session
        if session is not None and session.application is not None:
            uuid = session.application.uuid
            self._storage.run(
                lambda storage: storage.applications.discard_draft(uuid),
                on_failure=self._storage_failed,
            )
            session.application = None  # gone: nothing to save or drop on leaving

    def _recheck_answer(self) -> None:
        """A problem shown stays only as long as the answer still has it."""
        question = self.screens.question
        if self.session is None or not question.problem.isVisible():
            return
        if self.session.wizard.set_answer(question.raw_answer()) is None:
            question.show_problem(None)

    def _return_to_review(self) -> None:
        """After a change from the review screen: back to review, unless the change
        made a new question necessary (then ask that one first)."""
        session = self._require_session()
        step = session.wizard.next()
        if step.problem is not None:
            self._explain(self._asking_screen(), answer_message(step.problem, self.language))
            return
        pending = [
            field_id
            for field_id in session.wizard.problems()
            if session.form.field(field_id).type is not FieldType.CONSENT
        ]
        session.returning_to_review = bool(pending)
        session.wizard.go_to(pending[0] if pending else REVIEW)
        self._save_draft()
        self._show_current_question()

    def _asking_screen(self) -> QuestionScreen | MembersScreen:
        """The screen of the wizard's current step, to show a problem on."""
        session = self._require_session()
        current = session.wizard.current()
        return (
            self.screens.members
            if current is not None and current.repeats
            else self.screens.question
        )

    def _back(self) -> None:
        session = self._require_session()
        # Keep what was typed if it fits; a half-typed answer is not a reason to stay.
        if self._nav.current_screen() is self.screens.question:
            session.wizard.set_answer(self.screens.question.raw_answer())
        if session.returning_to_review and session.wizard.current_item() is None:
            session.returning_to_review = False
            session.wizard.go_to(REVIEW)
            self._show_review()
            return
        if not session.wizard.back():
            if session.carried:
                self._show_carried()  # the ID was read once, for the first application
            elif self.visit is not None and self.visit.applications:
                self._not_this_service()
            else:
                self._nav.show(self.screens.identify)
            return
        self._save_draft()
        self._show_current_question()

    # -- review and submit ----------------------------------------------------

    def _show_review(self) -> None:
        session = self._require_session()
        self.screens.review.show_answers(
            session.form,
            session.wizard.questions(),
            session.wizard.consents(),
            session.wizard.answers,
            self.language,
            simple=self._parts.presentation.elderly,
            item_questions={
                group.id: session.wizard.item_questions(group.id)
                for group in session.wizard.questions()
                if group.repeats
            },
        )
        self._nav.show(self.screens.review)

    def _edit_from_review(self, field_id: str) -> None:
        session = self._require_session()
        session.wizard.go_to(field_id)
        session.returning_to_review = True
        self._show_current_question()

    def _back_from_review(self) -> None:
        session = self._require_session()
        session.wizard.back()
        self._show_current_question()

    def _consent_changed(self, field_id: str, given: bool) -> None:
        session = self._require_session()
        session.wizard.set_answer_of(field_id, True if given else None)
        self._save_draft()
        consents = {field.id for field in session.wizard.consents()}
        if not consents & session.wizard.problems().keys():
            self.screens.review.show_problem(None)  # every consent is given now

    def _submit(self) -> None:
        session = self._require_session()
        problems = session.wizard.problems()
        if problems:
            field_id, problem = next(iter(problems.items()))
            field = session.form.field(field_id)
            if field.type is FieldType.CONSENT:
                self._explain(self.screens.review, answer_message(problem, self.language))
                return
            self._edit_from_review(field_id)
            self._explain(self._asking_screen(), answer_message(problem, self.language))
            return
        if session.application is None:
            # The draft is still being created on the storage lane (a matter
            # of milliseconds); submitting needs its id.
            self.screens.review.show_problem(
                translate("Flow", "One moment, please, then try again.")
            )
            return
        uuid = session.application.uuid
        answers = session.wizard.final_answers()
        self.screens.review.submit_button.setEnabled(False)
        corrected_by = session.corrected_by
        if corrected_by is not None:
            self._storage.run(
                lambda storage: storage.applications.correct(uuid, answers, corrected_by),
                lambda application: self._submitted(application, reprint_for=corrected_by),
                self._submit_failed,
            )
            return
        self._storage.run(
            lambda storage: storage.applications.submit(uuid, answers),
            self._submitted,
            self._submit_failed,
        )

    def _submitted(self, application: Application, reprint_for: str | None = None) -> None:
        """Show the tracking number and print the receipt (a marked reprint after a correction)."""
        self.screens.review.submit_button.setEnabled(True)
        session = self._require_session()
        session.application = application
        tracking_number = application.tracking_number or ""
        log.info("application %s submitted as %s", application.uuid, tracking_number)
        documents = [document.text.get(self.language) for document in session.wizard.documents()]
        confirmation = self.screens.confirmation
        confirmation.show_submitted(
            tracking_number, documents, self._services.config.confirmation_seconds
        )
        visit = self.visit if reprint_for is None else None
        if visit is not None:
            visit.record_submitted(session.form, application.answers, tracking_number)
        earlier = visit.applications[:-1] if visit is not None else []
        confirmation.show_visit(
            [(applied.title.get(self.language), applied.tracking_number) for applied in earlier]
        )
        confirmation.offers.show_offers(
            [(form.id, form.title.get(self.language)) for form in self._offers(session)]
        )
        self._nav.show(self.screens.confirmation)
        # The screen's own countdown (restarted by every touch) ends the visit: an
        # "are you still there?" over the tracking number would only hide it.
        self._parts.inactivity.disarm()
        if reprint_for is None:
            self._parts.printing.print_receipt(application)
        else:
            self._parts.printing.reprint(tracking_number, reprint_for)
        self.submitted.emit(tracking_number)

    def _receipt_outcome(self, outcome: ReceiptOutcome) -> None:
        """Tell the applicant on screen whether the receipt came out, and what to do if not."""
        from ui.print_runner import applicant_message

        confirmation = self.screens.confirmation
        if confirmation.tracking_number.text() == outcome.tracking_number:
            message = applicant_message(outcome)
            confirmation.show_receipt_message(message)
            self._nav.announce(message)

    def _submit_failed(self, error: Exception) -> None:
        self.screens.review.submit_button.setEnabled(True)
        self._explain(self.screens.review, failure_message(error))

    # -- saving ---------------------------------------------------------------

    def _save_draft(self, session: ApplicantSession | None = None) -> None:
        """Store the answers of `session` (the current one by default) in its draft."""
        session = session or self.session
        if session is None or session.application is None:
            return  # saved as soon as the draft exists (see _draft_created)
        if session.corrected_by is not None:
            return  # a correction is stored whole when it is submitted again
        uuid = session.application.uuid
        answers = session.wizard.answers
        position = session.wizard.position

        self._storage.run(
            lambda storage: storage.applications.save_draft(uuid, answers, position),
            on_failure=self._storage_failed,
        )

    def _keep_photo(self, field_id: str, data: bytes) -> None:
        """Store a kept document photo sealed beside the draft; the answer naming it is
        saved after it, on the same storage lane."""
        session = self._require_session()
        if session.application is None:
            return
        uuid, clock = session.application.uuid, self._services.clock

        def keep(storage: KioskStorage) -> None:
            from kiosk.attachments import keep_photo  # with the database code, on its lane

            keep_photo(storage.db, storage.applications.keys, clock, uuid, field_id, data)

        self._storage.run(keep, on_failure=self._storage_failed)

    def _storage_failed(self, error: Exception) -> None:
        message = failure_message(error)
        current = self._nav.current_screen()
        if isinstance(current, QuestionScreen | MembersScreen | ReviewScreen | IdentifyScreen):
            self._explain(current, message)

    # -- check status ---------------------------------------------------------

    def _look_up(self, asked: str) -> None:
        self._parts.inactivity.arm()

        def look_up(storage: KioskStorage) -> FoundApplication[LatestStatus | None] | None:
            from kiosk.applicant_actions import look_up_status
            from sync.status_pull import latest_status

            return look_up_status(storage, asked, latest_status)

        self._storage.run(look_up, self._show_status, self._storage_failed)

    def _show_status(self, found: FoundApplication[LatestStatus | None] | None) -> None:
        if found is None:
            self.screens.check.show_result(
                translate(
                    "Flow",
                    "No application with this number was made at this kiosk. "
                    "Please check the number on your receipt.",
                )
            )
            return
        application = found.application
        service = self._services.catalogue.title(
            application.form_id, application.form_version, self.language
        )
        self.screens.check.show_status(service, found.status, self.language)

    # -- reset -------------------------------------------------------------------

    def _end_session(self, keep_draft: bool) -> None:
        session = self.session
        self.session = None
        if session is None:
            return
        if keep_draft:
            self._save_draft(session)
        self._drop_if_empty(session)

    def _gone_back(self) -> None:
        """Back to the start before anything was submitted: the person is forgotten (an
        assisting clerk stays, for the service they tap next)."""
        self._end_session(keep_draft=False)
        self.visit = None

    def _leaving(self, keep_draft: bool) -> None:
        """The kiosk goes back to a clean start: keep the draft, forget the person.

        An unfinished application stays stored as a draft for the clerk either
        way; `keep_draft=False` only means the person chose to leave.
        """
        self._end_session(keep_draft)
        self.visit = None
        self.clerk_assisting = False
        self.assisted_by = None
        self.screens.start.show_assisting(None)

    # -- helpers ------------------------------------------------------------------

    def _explain(self, screen: ProblemScreen, message: str) -> None:
        """Show a problem beside what caused it, and say it when screens are read aloud."""
        screen.show_problem(message)
        self._nav.announce(message)

    def _presentation_changed(self) -> None:
        presentation = self._parts.presentation
        factor = presentation.time_factor
        self._parts.inactivity.set_idle_seconds(self._services.config.inactivity_seconds * factor)
        self.screens.start.show_presentation(presentation.elderly, presentation.high_contrast)
        if presentation.reads_automatically:
            self._nav.read_aloud()

    def _require_session(self) -> ApplicantSession:
        if self.session is None:
            raise RuntimeError("no applicant session")
        return self.session

    def _context(self) -> ValidationContext:
        return ValidationContext(today=self._today(), regions=self._services.regions)

    def _today(self) -> date:
        return self._services.clock.now().astimezone(self._services.zone).date()
