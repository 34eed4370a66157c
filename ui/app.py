"""Putting the kiosk together: services, storage thread, window, screens, flows."""

from __future__ import annotations

import gc
import logging
import sys
from collections.abc import Callable, Generator
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QEvent, QObject, QTimer, SignalInstance
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.services import KioskServices, load_services
from ui.i18n import LanguageSwitcher
from ui.idle_work import in_turns, when_idle
from ui.operations import Operations
from ui.presentation import Presentation
from ui.screens.base import Screen
from ui.screens.start import StartScreen
from ui.storage_access import StorageAccess
from ui.window import KioskWindow

if TYPE_CHECKING:
    from kiosk.forms import FormDefinition
    from kiosk.storage import KioskStorage
    from kiosk.update_guard import InstallLayout
    from printing.printer_status import Printer
    from sync.worker import SyncReport
    from ui.applicant_flow import ApplicantFlow
    from ui.capacity_watch import CapacityWatch
    from ui.clerk_flow import ClerkFlow
    from ui.dashboard_flow import DashboardFlow
    from ui.feedback_flow import FeedbackFlow
    from ui.kiosk_parts import KioskParts
    from ui.lockdown import LockDown
    from ui.navigation import Navigator
    from ui.scanning.camera_session import CameraSettings
    from ui.screens.enrolment import EnrolmentScreen
    from ui.software_switch import SoftwareSwitch
    from ui.speech import Speaker
    from ui.staff_call import StaffCallFlow
    from ui.sync_runner import SyncRunner

log = logging.getLogger(__name__)

InstalledForms = tuple[list["FormDefinition"], set[tuple[str, int]]]
"""Form versions installed from bundles, and the keys of the retired ones."""

DETECT_SPEECH_ENGINE = "detect"
"""As a speech engine: speech-dispatcher's if its daemon answers, asked after the first paint."""

KIOSK_WINDOW_SIZE = (1280, 800)
"""The size of the usual 15.6-inch kiosk touchscreen, for windowed runs and screenshots."""


@dataclass
class Kiosk:
    """A running kiosk: what tests drive and what `run` shows.

    The screens behind the start screen and the flows through them are built
    once the start screen is on the glass, one screen per idle turn of the
    event loop (`build_step`, driven by `KioskShell.complete` through
    ui.idle_work), so that a tap or the window system is answered between two
    screens, not after the next one; the start screen's
    first action builds what is still missing at once (`build_flows`). The
    enrolment screen, which few kiosks ever show again, is made when first shown.
    """

    services: KioskServices
    window: KioskWindow
    start: StartScreen
    parts: KioskParts
    operations: Operations
    stopped: bool = False
    built: bool = field(default=False, init=False)
    """Every screen is built and the database was asked to open (tests wait for it)."""
    _flows: Flows | None = field(default=None, init=False)
    _steps: FlowSteps | None = field(default=None, init=False)

    @property
    def storage(self) -> StorageAccess:
        """The storage thread's front door."""
        return self.parts.storage

    @property
    def switcher(self) -> LanguageSwitcher:
        """The installed language."""
        return self.parts.switcher

    @property
    def applicant(self) -> ApplicantFlow:
        """The applicant's flow (built now if it was not yet)."""
        return self.build_flows().applicant

    @property
    def clerk(self) -> ClerkFlow:
        """The clerk's flow (built now if it was not yet)."""
        return self.build_flows().clerk

    @property
    def capacity(self) -> CapacityWatch:
        """The watch on disk space and the last sync (built now if it was not yet)."""
        return self.build_flows().capacity

    @property
    def navigator(self) -> Navigator:
        """The moves every flow makes, "back to a clean start" among them (built now if need be)."""
        return self.build_flows().navigator

    @property
    def feedback(self) -> FeedbackFlow:
        """Ratings and complaints after the receipt (built now if it was not yet)."""
        return self.build_flows().feedback

    @property
    def dashboard(self) -> DashboardFlow:
        """The clerk's figures screen (built now if it was not yet)."""
        return self.build_flows().dashboard

    @property
    def staff_call(self) -> StaffCallFlow:
        """ "Call staff" and its answer (built now if it was not yet)."""
        return self.build_flows().staff_call

    def build_flows(self) -> Flows:
        """Build the remaining screens and the flows that connect them, once."""
        while self._flows is None:
            self.build_step()
        return self._flows

    def build_step(self) -> bool:
        """Build the next screen behind the start screen (the flows with the last one);
        whether everything is built now."""
        if self._flows is None:
            if self._steps is None:
                self._steps = _build_flows(self.window, self.start, self.parts)
            try:
                next(self._steps)
            except StopIteration as built:
                self._flows = built.value
        return self._flows is not None

    def shut_down(self) -> None:
        """Stop the camera, printing and sync, finish queued writes, close the
        database, end the lanes' threads, release the translator. Safe to call twice."""
        if self.stopped:
            return
        self.stopped = True
        # The inactivity guards belong to the application, which outlives this
        # window (tests build many kiosks in one process): stop their timers.
        self.parts.inactivity.disarm()
        if self._flows is not None:
            self._flows.applicant.screens.identify.shut_down()
            self._flows.clerk.inactivity.disarm()
            if self._flows.clerk.enrolment is not None:
                self._flows.clerk.enrolment.shut_down()
        self.parts.printing.shutdown()
        self.parts.speaker.shut_down()
        self.parts.sync.stop()
        self.parts.storage.close()
        self.operations.shut_down()
        self.parts.switcher.uninstall()


class Flows(NamedTuple):
    """What is built behind the start screen.

    A named tuple, not a dataclass: this module loads before the first paint, and
    making a frozen dataclass costs it 4-5 million instructions (a named tuple 1).
    """

    navigator: Navigator
    applicant: ApplicantFlow
    clerk: ClerkFlow
    feedback: FeedbackFlow
    dashboard: DashboardFlow
    capacity: CapacityWatch
    staff_call: StaffCallFlow


FlowSteps = Generator[None, None, Flows]
"""The building of what is behind the start screen: one screen per step, then the flows."""


def _build_flows(window: KioskWindow, start: StartScreen, parts: KioskParts) -> FlowSteps:
    """Build the screens and flows behind the start screen, pausing after each screen
    (each joins the window as it is made); their modules are imported here, after the
    first paint. The flows are connected in the last step, once every screen exists."""
    from ui.screens.identify import IdentifyScreen  # the first to build PySide's `Qt` namespace

    yield
    from ui.scanning.camera_slot import SharedCamera

    services, operations = parts.services, parts.operations
    camera = SharedCamera(
        operations.decoding,
        lambda: _camera_settings_for(services),
        costly_decoding=operations.costly_decoding,
    )
    identify = window.add_screen(IdentifyScreen(camera))
    yield
    from ui.screens.question import QuestionScreen

    question = window.add_screen(
        QuestionScreen(services.regions, lambda: _camera_settings_for(services))
    )
    yield
    from ui.screens.members import MembersScreen

    members = window.add_screen(MembersScreen())
    yield
    from ui.screens.review import ReviewScreen

    review = window.add_screen(ReviewScreen(services.regions))
    yield
    from ui.screens.confirmation import ConfirmationScreen

    confirmation = window.add_screen(ConfirmationScreen())
    yield
    from ui.screens.check_status import CheckStatusScreen

    check = window.add_screen(CheckStatusScreen())
    yield
    from ui.screens.ineligible import IneligibleScreen

    ineligible = window.add_screen(IneligibleScreen())
    yield
    from ui.screens.carried import CarriedScreen

    carried = window.add_screen(CarriedScreen())
    yield
    from ui.screens.clerk import ClerkHomeScreen, ClerkPinScreen

    pin_screen = window.add_screen(ClerkPinScreen())
    yield
    home_screen = window.add_screen(ClerkHomeScreen(services.zone))
    yield
    from ui.screens.clerk_consent import AssistedConsentScreen

    consent_screen = window.add_screen(AssistedConsentScreen(services.config.languages))
    yield
    from ui.screens.feedback import FeedbackScreen

    feedback_screen = window.add_screen(FeedbackScreen())
    yield
    from ui.screens.dashboard import DashboardScreen

    dashboard_screen = window.add_screen(DashboardScreen(services.zone))
    yield
    from ui.screens.check_by_id import CheckByIdScreen

    check_by_id = window.add_screen(CheckByIdScreen())
    yield
    from ui.applicant_flow import ApplicantFlow, ApplicantScreens
    from ui.check_by_id_flow import CheckByIdFlow
    from ui.clerk_flow import ClerkFlow
    from ui.dashboard_flow import DashboardFlow
    from ui.feedback_flow import FeedbackFlow
    from ui.memory import BetweenApplicants
    from ui.navigation import Navigator

    screens = ApplicantScreens(
        start, identify, question, members, review, confirmation, check, ineligible, carried
    )
    navigator = Navigator(window, start, parts)
    navigator.reset_done.connect(BetweenApplicants(navigator).release)
    applicant = ApplicantFlow(navigator, screens, parts)
    CheckByIdFlow(check_by_id, check, navigator, parts)
    clerk = ClerkFlow(navigator, parts, pin_screen, home_screen, consent_screen, applicant)
    feedback = FeedbackFlow(feedback_screen, confirmation, navigator, parts)
    dashboard = DashboardFlow(dashboard_screen, home_screen, navigator, parts)
    from ui.enrolment_flow import EnrolmentFlow

    def enrolment_screen() -> EnrolmentScreen:
        from ui.screens.enrolment import EnrolmentScreen

        return window.add_screen(EnrolmentScreen(camera))

    clerk.enrolment = EnrolmentFlow(
        enrolment_screen, home_screen, navigator, parts, lambda: clerk.session, clerk.refresh
    )
    from ui.staff_call import StaffCallFlow

    staff_call = StaffCallFlow(
        # Not on the start screen: its title shares the top with the languages, and
        # its own "Staff" button is there for the clerk.
        [*screens.all()[1:], check_by_id, feedback_screen, consent_screen],
        home_screen,
        navigator,
        parts,
        lambda: clerk.session,
    )
    from ui.capacity_watch import CapacityWatch

    watch = CapacityWatch(parts.storage, services)
    watch.checked.connect(applicant.take_capacity)
    watch.checked.connect(clerk.take_capacity)
    watch.failed.connect(clerk.capacity_unknown)
    watch.start()
    parts.storage.run(lambda opened: opened.set_aside, clerk.report_set_aside, clerk.storage_failed)
    return Flows(navigator, applicant, clerk, feedback, dashboard, watch, staff_call)


def _hand_first_action_to(start: StartScreen, kiosk_now: Callable[[], Kiosk]) -> None:
    """Until the flows exist, an action on the start screen completes the kiosk if
    it is not yet (`kiosk_now`), builds them and is then given to them as if it had
    just happened: nothing tapped is lost."""
    signals: tuple[SignalInstance, ...] = (
        start.language_chosen,
        start.service_chosen,
        start.check_requested,
        start.clerk_requested,
        start.larger_text_toggled,
        start.high_contrast_toggled,
        start.read_aloud_requested,
    )

    def first_action(signal: SignalInstance, *arguments: object) -> None:
        kiosk = kiosk_now()
        if kiosk._flows is None and not kiosk.stopped:
            kiosk.build_flows()
            signal.emit(*arguments)

    for signal in signals:
        signal.connect(partial(first_action, signal))


class KioskShell(NamedTuple):
    """The window with its start screen: all the first paint needs.

    `complete()` starts the storage, printing and sync threads and queues the
    building of everything else, so a villager never waits for screens they
    have not reached yet; `run` has it done once the start screen is on the
    glass and the events waiting then are handled (`complete_when_idle`).
    A named tuple, not a dataclass: this module loads before the first paint.
    """

    app: QApplication
    services: KioskServices
    window: KioskWindow
    start: StartScreen
    switcher: LanguageSwitcher
    operations: Operations
    storage: StorageAccess
    presentation: Presentation
    speech_engine: str | None
    speech_in_background: bool = False

    def complete(self, when_built: Callable[[Kiosk], object] | None = None) -> Kiosk:
        """Start the background work; the other screens follow when the kiosk is idle,
        one per turn of the event loop, then the database opens and `when_built` is called."""
        kiosk = self._completed(when_built)
        _hand_first_action_to(self.start, lambda: kiosk)
        return kiosk

    def complete_when_idle(
        self,
        when_complete: Callable[[Kiosk], object],
        when_built: Callable[[Kiosk], object] | None = None,
    ) -> None:
        """`complete` on a turn of the event loop after the events waiting now (a tap, the
        window manager's ping) are handled, then `when_complete`; a first action on the
        start screen before then completes the kiosk at once, and is not lost."""
        made: list[Kiosk] = []

        def kiosk_now() -> Kiosk:
            if not made:
                made.append(self._completed(when_built))
                when_complete(made[0])
            return made[0]

        _hand_first_action_to(self.start, kiosk_now)
        when_idle(self.window, kiosk_now)

    def _completed(self, when_built: Callable[[Kiosk], object] | None) -> Kiosk:
        from ui.inactivity import InactivityGuard
        from ui.kiosk_parts import KioskParts
        from ui.print_runner import PrintRunner
        from ui.virtual_keyboard import attach_keyboard

        services = self.services
        parts = KioskParts(
            services=services,
            operations=self.operations,
            storage=self.storage,
            switcher=self.switcher,
            inactivity=InactivityGuard(self.app, services.config.inactivity_seconds),
            presentation=self.presentation,
            speaker=self._speaker(),
            printing=PrintRunner(
                services, lambda: _printer_for(services), self.operations.printing, self.window
            ),
            sync=_sync_runner_for(services, self.operations),
        )
        kiosk = Kiosk(services, self.window, self.start, parts, self.operations)
        if not services.config.applications_before_enrolment:
            self._hold_until_enrolled(parts.sync)
        self.storage.run(self._installed_forms, lambda forms: self._database_ready(kiosk, forms))
        # The start screen takes the finger first, on a turn of its own: the first
        # set-up of a scroller builds PySide's `Qt` namespace.
        scroll = self.start.body_scroll
        when_idle(scroll, scroll.scroller)

        # Whatever arrives meanwhile (a tap, the window manager's ping) is handled
        # between two screens: it waits for one screen at most.
        def build_then_open_storage() -> bool:
            if kiosk.stopped:
                return False
            if not kiosk.build_step():
                return True
            kiosk.built = True
            self.storage.open()
            if when_built is not None:
                when_built(kiosk)
            return False

        in_turns(self.window, build_then_open_storage)
        attach_keyboard(self.window, self.switcher)  # its settings load after the screens
        return kiosk

    def _speaker(self) -> Speaker:
        """The reader-aloud; on the real start its engine comes up on a thread of its own,
        and the screen in front offers reading aloud once it has (and again once the
        kiosk's speech-dispatcher was restarted after a failure: only where the engine is
        the one detected, never a test's chosen engine)."""
        from ui.speech import Speaker

        engine = self.speech_engine
        detected = engine == DETECT_SPEECH_ENGINE
        if detected:
            from ui.speech import detect_engine

            engine = detect_engine()
        if not self.speech_in_background:
            return Speaker(engine)
        restarts = self.operations.speech if detected else None
        speaker = Speaker.in_background(engine, self.services.config.languages, restarts)
        speaker.ready.connect(
            lambda: _offer_reading_aloud(self.window, self.start, speaker, self.switcher)
        )
        return speaker

    def _hold_until_enrolled(self, sync: SyncRunner) -> None:
        """No application before the kiosk is enrolled: it would carry the default kiosk
        code, which the platform never accepts. Read first (before the services are
        offered); an enrolment lets applications in at once."""

        def enrolled(opened: KioskStorage) -> bool:
            from sync.enrolment_setup import is_enrolled

            return is_enrolled(opened.db)

        self.storage.run(enrolled, lambda done: self.start.hold_for_setup(not done))
        sync.retargeted.connect(lambda: self.start.hold_for_setup(False))

    @staticmethod
    def _installed_forms(opened: KioskStorage) -> InstalledForms:
        from kiosk.installed_forms import installed_forms, retired_keys

        return installed_forms(opened.db), retired_keys(opened.db)

    def _take_forms(self, found: InstalledForms) -> None:
        """Add installed versions, withdraw retired ones, and show the tiles that remain."""
        forms, retired = found
        self.services.catalogue.add(forms)
        self.services.catalogue.retire(retired)
        self.start.offer_services(self.services.catalogue.service_titles())

    def _database_ready(self, kiosk: Kiosk, found: InstalledForms) -> None:
        """The database is open: take in the forms installed from bundles, start
        printing what waited and syncing (whose reports the flows show)."""
        if kiosk.stopped:
            return
        from kiosk.update_guard import InstallLayout
        from ui.software_switch import mark_running_healthy

        self._take_forms(found)
        kiosk.build_flows()
        parts = kiosk.parts
        layout = InstallLayout.from_environment()
        mark_running_healthy(layout)  # the start screen is painted and the database open
        parts.printing.start()
        switch = self._software_switch(kiosk, layout)
        parts.sync.report.connect(lambda report: self._sync_reported(parts, report, switch))
        parts.sync.start()  # idle until enrolled, on a kiosk with no central platform

    def _software_switch(self, kiosk: Kiosk, layout: InstallLayout) -> SoftwareSwitch | None:
        """What switches to a new kiosk version when idle (on a kiosk that updates itself)."""
        from kiosk.update_guard import RESTART_EXIT_CODE
        from ui.software_switch import SoftwareSwitch

        if not layout.managed():
            return None
        return SoftwareSwitch(kiosk.navigator, layout, lambda: self.app.exit(RESTART_EXIT_CODE))

    def _sync_reported(
        self, parts: KioskParts, report: SyncReport, switch: SoftwareSwitch | None
    ) -> None:
        """Form versions arrived or were retired: new applications follow at once. A new
        kiosk version is ready: it takes over when the start screen is idle."""
        if report.forms.installed or report.forms.retired:
            parts.storage.run(self._installed_forms, self._take_forms)
        update = report.software_update
        if switch is not None and update is not None and update.state == "staged":
            switch.staged(str(update.version))


def _offer_reading_aloud(
    window: KioskWindow, start: StartScreen, speaker: Speaker, switcher: LanguageSwitcher
) -> None:
    """The engine came up after the screen in front was shown: offer reading it now
    (and the start screen's larger-text toggle names reading aloud again)."""
    can = speaker.can_speak(switcher.current.code)
    start.offer_reading(can)
    screen = window.current_screen()
    if isinstance(screen, Screen) and screen is not start:
        screen.offer_reading(can)


def _sync_runner_for(services: KioskServices, operations: Operations) -> SyncRunner:
    """What queues sync cycles: idle (and cheap: no network code is loaded) on a kiosk
    with no central platform configured, until an enrolment gives it one."""
    from ui.sync_runner import SyncRunner

    bundle = services.config.central_ca_bundle
    return SyncRunner(
        services.paths.database,
        services.config.central_url or None,
        operations.sync,
        ca_bundle=Path(bundle) if bundle else None,
        keys=services.keys,
        retention_days=services.config.retention_days,
        paths=services.paths,
        clock=services.clock,
    )


def _camera_settings_for(services: KioskServices) -> CameraSettings:
    """The configured camera (read when the identify screen is first shown)."""
    from ui.scanning.camera_session import CameraSettings

    return CameraSettings.from_config(services.config)


def _printer_for(services: KioskServices) -> Printer:
    """The configured printer (made on the printing thread, with its libraries)."""
    from printing.printer_setup import printer_from_config

    return printer_from_config(services.config, services.paths.data_dir)


def build_shell(
    app: QApplication,
    services: KioskServices,
    speech_engine: str | None = None,
    speech_in_background: bool = False,
) -> KioskShell:
    """The window showing the start screen, before anything else is built.

    `speech_engine` names the Qt text-to-speech engine (None: no reading aloud;
    `DETECT_SPEECH_ENGINE`: speech-dispatcher's if it answers);
    with `speech_in_background` it comes up on a thread of its own (the real
    start: speech-dispatcher's takes seconds), else at once (tests' mock engine).
    """
    window = KioskWindow()
    presentation = Presentation(app, window)
    switcher = LanguageSwitcher(app)
    switcher.switch(services.config.default_language)
    operations = Operations(window.show_failure)
    storage = StorageAccess(operations.storage, services.open_storage)
    start = StartScreen(
        services.config.languages,
        services.catalogue.service_titles(),
        lambda: switcher.current.code,
        services.config.township,
    )
    start.body_scroll.hold_the_finger_back()  # set up when the kiosk is completed
    if not services.config.applications_before_enrolment:
        start.hold_for_setup(True, say_why=False)  # until the database says it is enrolled
    window.add_screen(start)
    window.show_screen(start)
    return KioskShell(
        app,
        services,
        window,
        start,
        switcher,
        operations,
        storage,
        presentation,
        speech_engine,
        speech_in_background,
    )


def build_kiosk(
    app: QApplication, services: KioskServices, speech_engine: str | None = None
) -> Kiosk:
    """Create the window and every screen for a QApplication that already exists."""
    return build_shell(app, services, speech_engine).complete()


def quit_kiosk(app: QApplication, lockdown: LockDown) -> None:
    """A supervisor or administrator quit from the clerk screen: let the window go."""
    log.info("kiosk quit from the clerk screen")
    lockdown.release()
    app.quit()


def run(data_dir: Path, windowed: bool, central_url: str | None = None) -> int:
    """Start the kiosk on `data_dir` and run until it is closed.

    `central_url` overrides the configured central platform (the demo's own).
    """
    from kiosk.logs import configure_logging, hold_records
    from ui.input_method import enable_virtual_keyboard

    # Until the first screen is painted: the start makes objects that live as
    # long as the kiosk, and the collector would only walk them again and again.
    gc.disable()
    hold_records()  # written once the first screen is painted
    enable_virtual_keyboard()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    services = load_services(data_dir)
    if central_url is not None:
        services = replace(services, config=replace(services.config, central_url=central_url))
    log.info("kiosk %s starting on %s", services.config.kiosk_code, data_dir)
    from ui.lockdown import LockDown

    shell = build_shell(app, services, DETECT_SPEECH_ENGINE, speech_in_background=True)
    lockdown = LockDown(app, shell.window)

    def built(kiosk: Kiosk) -> None:
        # Watched from now on: the filter runs Python for every event of the
        # application, and building the screens sends thousands. Until then only
        # the start screen takes keys, and Qt acts on none of the exit shortcuts
        # by itself (see `LockDown.engage`).
        lockdown.watch_keys()
        kiosk.clerk.quit_approved.connect(lambda: quit_kiosk(app, lockdown))

    def completed(kiosk: Kiosk) -> None:
        app.aboutToQuit.connect(kiosk.shut_down)
        log.info("kiosk ready")

    def painted() -> None:
        # What the start made lives as long as the kiosk: kept out of every collection.
        gc.freeze()
        gc.enable()
        # The log file and the rest of the kiosk come on turns of the event loop of
        # their own, so that a tap (or a window manager's ping) waiting since the
        # paint is answered first.
        when_idle(shell.window, lambda: configure_logging(services.paths.logs))
        shell.complete_when_idle(completed, when_built=built)

    after_first_paint(shell.start, painted)
    if windowed:
        shell.window.resize(*KIOSK_WINDOW_SIZE)
        shell.window.show()
    else:
        lockdown.give_flags()
        lockdown.engage(watch_keys_now=False)  # an application-wide filter slows the first paint
    return app.exec()


class _FirstPaint(QObject):
    """Calls `then` once, on the turn of the event loop after `widget` was first painted."""

    def __init__(self, widget: QWidget, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self._then = then
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._then)  # after the frame is flushed to the screen
        return False


def after_first_paint(widget: QWidget, then: Callable[[], None]) -> None:
    """Run `then` once `widget` is on the glass: the first frame waits for nothing else."""
    _FirstPaint(widget, then)
