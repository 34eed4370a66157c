"""The clerk's way: staff number and PIN, then notices, the sending backlog,
printing, sync, export, unlocking and quitting for supervisors (the work on
applicants' applications is in :mod:`ui.clerk_assistance`).

A clerk session belongs to the member of staff who signed in: every action
on the clerk screen is recorded under their id, and it ends on "End session",
on a quiet spell (a guard of its own, so a clerk who walked away is signed
out even from a screen an applicant would keep), on any reset of the kiosk,
and when someone else signs in through "Switch staff" (recorded as replaced).

The rules behind the buttons are in :mod:`kiosk.staff` and
:mod:`kiosk.clerk_actions`; each handler here queues one of them on the
storage lane and shows the outcome.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from ui.answer_text import local_time_text
from ui.clerk_assistance import ApplicantDesk, ClerkAssistance
from ui.i18n import translate
from ui.inactivity import InactivityGuard
from ui.kiosk_parts import KioskParts
from ui.navigation import Navigator
from ui.problems import failure_message, failure_text, locked_notice
from ui.screens.clerk import ClerkHomeScreen, ClerkPinScreen, DraftSummary, StaffSummary
from ui.screens.clerk_consent import AssistedConsentScreen

if TYPE_CHECKING:  # storage code is imported on the storage lane, after the first screen
    from kiosk.applications import Application
    from kiosk.capacity import CapacityReading
    from kiosk.catalogue import FormCatalogue
    from kiosk.clerk_actions import ClerkOverview
    from kiosk.dashboard import Snapshot
    from kiosk.staff import SignIn, StaffAccount
    from kiosk.storage import KioskStorage
    from sync.worker import SyncReport
    from ui.enrolment_flow import EnrolmentFlow
    from ui.print_runner import PrinterStatus

log = logging.getLogger(__name__)


class ClerkFlow(QObject):
    """Signs staff in and out and hands drafts back to the applicant flow."""

    quit_approved = Signal()
    """A supervisor or administrator asked to close the kiosk program."""

    def __init__(
        self,
        navigator: Navigator,
        parts: KioskParts,
        pin_screen: ClerkPinScreen,
        home_screen: ClerkHomeScreen,
        consent_screen: AssistedConsentScreen,
        applicant: ApplicantDesk,
    ) -> None:
        super().__init__()
        self._nav = navigator
        self.pin_screen = pin_screen
        self.home_screen = home_screen
        self.consent_screen = consent_screen
        services = self._services = parts.services
        self._storage = parts.storage
        self._printing = parts.printing
        self._notices: list[str] = []
        self._printer_logged: str | None = None
        self._capacity: CapacityReading | None = None
        self._capacity_problem: Exception | None = None
        """Why the last look at the disk and the last sync could not be taken."""
        self._unlock_problem: str | None = None
        """Why the passphrase just typed did not unlock the kiosk, shown once."""
        self.session: StaffAccount | None = None
        self.enrolment: EnrolmentFlow | None = None
        """The enrolment screen offered to administrators (set by the kiosk)."""
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        self.inactivity = InactivityGuard(app, services.config.inactivity_seconds)
        self.inactivity.idle.connect(lambda: self.end_session("inactivity"))
        navigator.start.clerk_requested.connect(self._ask_pin)
        navigator.reset_done.connect(self._clear)
        pin_screen.credentials_entered.connect(self._credentials_entered)
        pin_screen.back_requested.connect(self._back_from_pin)
        home_screen.end_requested.connect(lambda: self.end_session("end_tapped"))
        home_screen.switch_requested.connect(self._ask_pin)
        home_screen.unlock_requested.connect(self._unlock)
        home_screen.unlock_kiosk_requested.connect(self._unlock_kiosk)
        home_screen.quit_requested.connect(self._quit)
        home_screen.export_requested.connect(self._export)
        self.assistance = ClerkAssistance(
            lambda: self.session,
            home_screen,
            consent_screen,
            parts,
            navigator,
            applicant,
            back_to_clerk=self._refresh,
            failed=self._failed,
        )
        for screen in (pin_screen, home_screen, consent_screen):
            screen.read_aloud_requested.connect(navigator.read_aloud)
        self._printing.status_changed.connect(self._printer_status)
        parts.speaker.ready.connect(lambda: self._speech_status(parts))
        self._speech_status(parts)
        self._printing.failed.connect(
            lambda error: self.home_screen.show_printer(lambda: failure_text(error))
        )
        home_screen.retry_print_requested.connect(self._printing.retry)
        home_screen.reprint_requested.connect(self._reprint)
        sync = parts.sync
        home_screen.offer_sync(sync.configured)
        sync.retargeted.connect(lambda: home_screen.offer_sync(sync.configured))
        sync.report.connect(home_screen.connection.update_report)
        sync.report.connect(lambda report: home_screen.show_waiting(report.backlog))
        sync.report.connect(lambda report: self.recheck_session() if report.staff_changed else None)
        home_screen.sync_requested.connect(sync.sync_now)
        sync.report.connect(lambda report: home_screen.sync_finished(lambda: sync_outcome(report)))
        for problem in services.catalogue.problems:
            self._notices.append(
                translate("ClerkFlow", "A form file was refused: {problem}").format(problem=problem)
            )

    def notices(self) -> list[str]:
        """What the clerk is told on the clerk screen: disk and sync first, then
        the rest, oldest first."""
        return self._capacity_notices() + self._notices

    def take_capacity(self, found: Snapshot) -> None:
        """Keep the disk and sync warnings for the clerk screen up to date."""
        self._capacity = found.capacity
        self._capacity_problem = None

    def capacity_unknown(self, error: Exception) -> None:
        """The disk and the last sync could not be looked at: say why on the clerk screen."""
        self._capacity_problem = error

    def _capacity_notices(self) -> list[str]:
        """Disk and sync warnings, in the language on screen now."""
        from ui.capacity_watch import clerk_notices

        notices = [] if self._capacity is None else clerk_notices(self._capacity)
        if self._capacity_problem is not None:
            notices.append(failure_text(self._capacity_problem))
        return notices

    def report_set_aside(self, set_aside: Path | None) -> None:
        """Remember that a damaged database was set aside at start, for the clerk."""
        if set_aside is not None:
            log.error("damaged database set aside as %s", set_aside)
            self._notices.append(
                translate(
                    "ClerkFlow",
                    "The kiosk's database was damaged and has been set aside as {path}. "
                    "A new one was started. Please call support; do not delete the file.",
                ).format(path=set_aside)
            )

    def storage_failed(self, error: Exception) -> None:
        """The database could not be opened at all: the clerk must know at once."""
        self._notices.append(failure_message(error))

    def _speech_status(self, parts: KioskParts) -> None:
        """Where reading aloud is offered, and why not elsewhere (it is checked at start)."""
        from ui.speech import clerk_line

        speaker, languages = parts.speaker, self._services.config.languages
        self.home_screen.show_speech(lambda: clerk_line(speaker, languages))

    def _printer_status(self, status: PrinterStatus) -> None:
        from ui.print_runner import clerk_line

        if status.printer != self._printer_logged:
            log.info("receipts go to %s", status.printer)
            self._printer_logged = status.printer
        self.home_screen.show_printer(lambda: clerk_line(status))

    def end_session(self, reason_code: str) -> None:
        """Sign the member of staff out (audited) and return to a clean start screen."""
        self._sign_out(reason_code)
        self._nav.reset(keep_draft=True)

    def recheck_session(self) -> None:
        """Accounts changed (a sync): end the session of someone disabled meanwhile."""
        account = self.session
        if account is None:
            return

        def is_active(storage: KioskStorage) -> bool:
            from kiosk.clerk_actions import still_active

            return still_active(storage.db, account)

        def decide(active: bool) -> None:
            if not active and self.session == account:
                log.warning("staff %s was disabled during their session", account.staff_id)
                self.end_session("account_disabled")

        self._storage.run(is_active, decide, self._failed)

    def _sign_out(self, reason_code: str) -> None:
        account, self.session = self.session, None
        self.inactivity.disarm()
        if account is None:
            return
        clock = self._services.clock

        def record(storage: KioskStorage) -> None:
            from kiosk.staff import sign_out

            sign_out(storage.db, account, reason_code, clock)

        self._storage.run(record, on_failure=self._failed)

    def _ask_pin(self) -> None:
        self.pin_screen.clear_personal_data()
        self._nav.show(self.pin_screen)

        def set_up(storage: KioskStorage) -> bool:
            from kiosk.staff import has_staff

            return has_staff(storage.db)

        self._storage.run(set_up, self._set_up_known, self._failed)

    def _set_up_known(self, has_staff: bool) -> None:
        if not has_staff:
            self.pin_screen.show_problem(self._not_set_up())

    def _credentials_entered(self, staff_id: str, pin: str) -> None:
        if self.pin_screen.confirming:
            self._confirm_quit(pin)
        else:
            self._sign_in(staff_id, pin)

    def _back_from_pin(self) -> None:
        """Back from quitting returns to the clerk screen; back from sign-in leaves."""
        if self.pin_screen.confirming and self.session is not None:
            self.pin_screen.clear_personal_data()
            self._refresh()
        else:
            self._nav.reset(keep_draft=False)

    def _sign_in(self, staff_id: str, pin: str) -> None:
        clock, current = self._services.clock, self.session

        def check(storage: KioskStorage) -> SignIn:
            from kiosk.staff import sign_in

            return sign_in(storage.db, staff_id, pin, clock, replacing=current)

        self._storage.run(check, self._signed_in, self._failed)

    def _signed_in(self, result: SignIn) -> None:
        from kiosk.staff import SignInOutcome

        if result.outcome is SignInOutcome.ACCEPTED and result.account is not None:
            self.session = result.account  # a session replaced was closed in the same step
            self.inactivity.arm()
            self._refresh()
            return
        log.info("staff sign-in refused: %s", result.outcome.value)
        self.pin_screen.show_problem(self._refusal(result))

    def _refusal(self, result: SignIn) -> str:
        from kiosk.staff import SignInOutcome

        if result.outcome is SignInOutcome.NOT_SET_UP:
            return self._not_set_up()
        if result.outcome is SignInOutcome.LOCKED and result.locked_until is not None:
            return translate(
                "ClerkFlow",
                "Too many wrong PINs: this account is locked until {time}. "
                "A supervisor can unlock it sooner.",
            ).format(time=local_time_text(result.locked_until, self._services.zone))
        if result.outcome is SignInOutcome.DISABLED:
            return translate("ClerkFlow", "This account is disabled. Please ask your supervisor.")
        # Unknown number and wrong PIN read the same, so numbers cannot be guessed.
        return translate("ClerkFlow", "That staff number or PIN is not right.")

    @staticmethod
    def _not_set_up() -> str:
        return translate(
            "ClerkFlow",
            "This kiosk is not set up yet: it has no staff accounts. An administrator "
            "adds the first one at the kiosk's terminal with: "
            "kiosk staff add --role administrator",
        )

    def _refresh(self) -> None:
        account = self.session
        if account is None:
            return
        clock = self._services.clock

        def overview(storage: KioskStorage) -> ClerkOverview:
            from kiosk.clerk_actions import clerk_overview

            return clerk_overview(storage, account, clock)

        self._storage.run(overview, self._show_overview, self._failed)

    def _show_overview(self, overview: ClerkOverview) -> None:
        language = self._nav.language
        catalogue = self._services.catalogue
        drafts = [
            DraftSummary(
                uuid=draft.uuid,
                service=catalogue.title(draft.form_id, draft.form_version, language),
                updated=local_time_text(draft.updated_at, self._services.zone),
                answered=len(draft.answers),
                whose=_whose(catalogue, draft),
            )
            for draft in overview.drafts
        ]
        account = self.session
        if account is None:
            return  # signed out while the overview was read
        staff = StaffSummary(
            staff_id=account.staff_id,
            name=account.display_name,
            role=account.role.value,
            can_quit=account.role.can_quit_kiosk,
            locked=tuple((other.staff_id, other.display_name) for other in overview.locked),
        )
        notices = self._capacity_notices() + self._notices
        if overview.kiosk_locked:
            notices.append(locked_notice())
        if self._unlock_problem is not None:
            notices.append(self._unlock_problem)
            self._unlock_problem = None
        self.home_screen.show_state(staff, notices, overview.waiting, drafts)
        self.home_screen.show_kiosk_locked(overview.kiosk_locked)
        self._nav.show(self.home_screen)
        if self.enrolment is not None:
            self.enrolment.offer(account)

    def refresh(self) -> None:
        """Back to the clerk screen, its figures read again (from a screen it opened)."""
        self._refresh()

    def _reprint(self, tracking_number: str) -> None:
        if self.session is not None:
            self._printing.reprint(tracking_number, self.session.actor)

    def _unlock(self, staff_id: str) -> None:
        account = self.session
        if account is None:
            return
        clock = self._services.clock

        def release(storage: KioskStorage) -> None:
            from kiosk.staff import unlock

            unlock(storage.db, staff_id, account, clock)

        self._storage.run(release, lambda _: self._refresh(), self._failed)

    def _quit(self) -> None:
        """Quitting asks the supervisor's PIN again: they may have signed in long ago."""
        account = self.session
        if account is not None and account.role.can_quit_kiosk:
            self.pin_screen.confirm(account.staff_id)
            self._nav.show(self.pin_screen)

    def _confirm_quit(self, pin: str) -> None:
        account = self.session
        if account is None:
            return
        clock = self._services.clock

        def confirm(storage: KioskStorage) -> SignIn:
            from kiosk.clerk_actions import confirm_quit

            return confirm_quit(storage.db, account, pin, clock)

        self._storage.run(confirm, self._quit_confirmed, self._failed)

    def _quit_confirmed(self, result: SignIn) -> None:
        from kiosk.staff import SignInOutcome

        if result.outcome is SignInOutcome.ACCEPTED:
            self.quit_approved.emit()
        else:
            self.pin_screen.show_problem(self._refusal(result))

    def _export(self) -> None:
        from ui.usb_export_runner import export_to_removable_drive

        account = self.session
        if account is not None:
            export_to_removable_drive(
                self._storage, self._services, account, self.home_screen.show_export_result
            )

    def _unlock_kiosk(self, passphrase: str) -> None:
        from kiosk.security.unlocking import unlock_with_passphrase

        self._storage.run(
            lambda storage: unlock_with_passphrase(
                storage.db, storage.applications.keys, passphrase
            ),
            self._unlocked,
            self._unlock_failed,
        )

    def _unlocked(self, filled: int) -> None:
        log.info("kiosk unlocked with the recovery passphrase (%d lookup hashes filled in)", filled)
        self._refresh()

    def _unlock_failed(self, error: Exception) -> None:
        self._unlock_problem = failure_message(error)
        self._refresh()

    def _failed(self, error: Exception) -> None:
        message = failure_message(error)
        if self._nav.current_screen() is self.home_screen:
            self.home_screen.show_export_result(message)
        else:
            self.pin_screen.show_problem(message)

    def _clear(self) -> None:
        """The kiosk was reset (finished, timed out, or left): no staff stays signed in
        (the navigator has cleared the screens)."""
        self._sign_out("kiosk_reset")


def sync_outcome(report: SyncReport) -> str:
    """What a sync the clerk asked for did, in the language on screen."""
    if not report.online:
        return translate(
            "ClerkFlow",
            "The central platform could not be reached. The kiosk keeps trying by itself.",
        )
    return translate(
        "ClerkFlow", "Sync done: {sent} sent, {waiting} still waiting to be sent."
    ).format(sent=report.acknowledged, waiting=report.backlog)


def _whose(catalogue: FormCatalogue, draft: Application) -> str | None:
    """Who a draft is for; None when its form version is no longer on the kiosk."""
    try:
        form = catalogue.get(draft.form_id, draft.form_version)
    except KeyError:
        return None
    return form.whose(draft.answers)
