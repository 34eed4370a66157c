"""The camera view with frames fed into its video sink, as the camera would feed them."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import numpy as np
import pytest
from PySide6.QtGui import QImage
from PySide6.QtMultimedia import QVideoFrame, QVideoSink
from pytestqt.qtbot import QtBot

from kiosk.identity import Outcome, VerificationContext, identify, parse_trust_list
from kiosk.qr import DecodedCode, QrPipeline
from tests.identity.claim169_factory import NOW, ed25519_key, signed_code, trust_list_json
from tests.qr.codes import in_frame, paper_frame, qr_png
from ui.operations import Operations
from ui.scanning.camera_session import CameraSettings
from ui.scanning.camera_slot import SharedCamera
from ui.scanning.camera_view import CameraView
from ui.scanning.frame_decoder import FrameDecoder, grey_array
from ui.screens.enrolment import EnrolmentScreen
from ui.screens.identify import IdentifyScreen


def frame_of(grey: np.ndarray) -> QVideoFrame:
    """A video frame as a camera driver would deliver it (RGB, not greyscale)."""
    height, width = grey.shape
    image = QImage(grey.tobytes(), width, height, width, QImage.Format.Format_Grayscale8)
    return QVideoFrame(image.convertToFormat(QImage.Format.Format_RGB32))


@pytest.fixture
def view(qtbot: QtBot, operations: Operations) -> Iterator[CameraView]:
    camera = CameraView(operations.decoding, CameraSettings(hint_seconds=0.05))
    qtbot.addWidget(camera)
    camera.show()
    yield camera
    camera.shut_down()


def test_without_a_camera_the_view_says_so(view: CameraView) -> None:
    view.start()
    assert not view.camera_available
    assert "No camera" in view.status.text()


def test_a_code_held_to_the_camera_is_read_once(qtbot: QtBot, view: CameraView) -> None:
    view.start()
    frame = frame_of(in_frame(qr_png("Zoë Łukasz 张三")))
    with qtbot.waitSignal(view.code_read) as read:
        view.video_sink.setVideoFrame(frame)
    assert read.args == ["Zoë Łukasz 张三"]
    assert not view.scanning and view.status.text() == "Code read"
    view.video_sink.setVideoFrame(frame)  # ignored until started again
    qtbot.waitUntil(view.decoder.idle)
    view.stop()
    assert view.preview.image is None  # the last frame is not kept


def test_a_signed_id_from_the_camera_verifies(qtbot: QtBot, view: CameraView) -> None:
    key = ed25519_key()
    code = signed_code(key)
    view.start()
    with qtbot.waitSignal(view.code_read) as read:
        view.video_sink.setVideoFrame(frame_of(in_frame(qr_png(code, box_size=3))))
    trust = parse_trust_list(trust_list_json([key.trust_entry()]))
    found = identify(str(read.args[0]), VerificationContext(now=NOW, trust_list=trust))
    assert found.outcome is Outcome.VERIFIED


def test_hints_follow_when_no_code_is_seen(qtbot: QtBot, operations: Operations) -> None:
    view = CameraView(
        operations.decoding, CameraSettings(hint_seconds=0.05), session_factory=_AvailableSession
    )
    qtbot.addWidget(view)
    view.start()
    assert "inside the frame" in view.status.text()
    try:
        qtbot.waitUntil(lambda: "closer" in view.status.text())
        qtbot.waitUntil(lambda: "glare" in view.status.text())
    finally:
        view.shut_down()


class _AvailableSession:
    """Stands in for a camera that exists but shows nothing readable."""

    available = True

    def __init__(self, sink: QVideoSink, settings: CameraSettings) -> None:
        self.sink, self.settings = sink, settings

    def start(self) -> None:
        """Nothing to start."""

    def stop(self) -> None:
        """Nothing to stop."""


class _GatedPipeline(QrPipeline):
    """Blocks in decode until released, so frames pile up behind the worker."""

    def __init__(self, gate: threading.Event, started: threading.Event) -> None:
        super().__init__(steps=[])
        self.gate, self.started = gate, started

    def decode(self, grey: np.ndarray) -> DecodedCode | None:
        self.started.set()
        self.gate.wait()
        return None


def test_the_latest_frame_wins_and_nothing_queues(qtbot: QtBot, operations: Operations) -> None:
    gate, started = threading.Event(), threading.Event()
    decoder = FrameDecoder(operations.decoding, lambda: _GatedPipeline(gate, started))
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(0x808080)
    try:
        decoder.offer(image)
        qtbot.waitUntil(started.is_set)
        for _ in range(50):
            decoder.offer(image)  # the GUI thread never waits for the worker
        gate.set()
        qtbot.waitUntil(decoder.idle)
        assert decoder.frames_decoded == 2  # the first, then only the newest
        assert decoder.frames_dropped == 49
    finally:
        gate.set()
        decoder.shut_down()


class _StuckCostlySteps(QrPipeline):
    """Quick steps that read light frames only; costly steps that block until released."""

    def __init__(self, gate: threading.Event, started: threading.Event) -> None:
        super().__init__(steps=[])
        self.gate, self.started = gate, started

    def decode_quickly(self, grey: np.ndarray) -> DecodedCode | None:
        return DecodedCode("light", "plain") if grey.mean() > 200 else None

    def decode_costly(self, grey: np.ndarray) -> DecodedCode | None:
        self.started.set()
        self.gate.wait()
        return None


def _filled(grey_level: int) -> QImage:
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(grey_level * 0x010101)
    return image


def test_the_camera_s_frames_never_wait_for_the_costly_steps(
    qtbot: QtBot, operations: Operations
) -> None:
    """While the costly lane is stuck on a frame, the decoding lane goes on with new
    frames, reads the code a quick step can read, and hands on only the newest miss."""
    gate, started = threading.Event(), threading.Event()
    decoder = FrameDecoder(
        operations.decoding,
        lambda: _StuckCostlySteps(gate, started),
        costly_lane=operations.costly_decoding,
    )
    read: list[str] = []
    decoder.decoded.connect(read.append)
    try:
        decoder.offer(_filled(0x80))  # missed by the quick steps: handed on
        qtbot.waitUntil(started.is_set)
        for _ in range(20):
            decoder.offer(_filled(0x80))
            qtbot.waitUntil(lambda: operations.decoding.pending() == 0)
        decoder.offer(_filled(0xF0))
        qtbot.waitUntil(lambda: read == ["light"])  # the costly lane is still stuck

        assert decoder.frames_decoded == 22  # every frame had its quick steps
        assert decoder.frames_handed_on == 21
        assert decoder.frames_dropped == 19  # one costly run, one waiting: the newest
        gate.set()
        qtbot.waitUntil(decoder.idle)
    finally:
        gate.set()
        decoder.shut_down()


def test_a_crumpled_code_missed_by_the_quick_steps_is_read_on_the_costly_lane(
    qtbot: QtBot, operations: Operations
) -> None:
    receipt = "TSK1:LQ03-20261127-0042:KZWX5D"
    grey = paper_frame(receipt, 1, crumpled=1.0)
    assert QrPipeline().decode_quickly(grey) is None
    decoder = FrameDecoder(operations.decoding, costly_lane=operations.costly_decoding)
    read: list[str] = []
    decoder.decoded.connect(read.append)
    height, width = grey.shape
    try:
        decoder.offer(QImage(grey.tobytes(), width, height, width, QImage.Format.Format_Grayscale8))
        qtbot.waitUntil(decoder.idle, timeout=30_000)
        assert read == [receipt]
        assert decoder.frames_handed_on == 1
    finally:
        decoder.shut_down()


def test_grey_array_copies_and_respects_stride() -> None:
    image = QImage(33, 21, QImage.Format.Format_RGB32)
    image.fill(0xFFFFFF)
    grey = grey_array(image)
    assert grey.shape == (21, 33) and grey.dtype == np.uint8 and int(grey.min()) == 255


def test_the_identify_screen_passes_on_scans(qtbot: QtBot, operations: Operations) -> None:
    screen = IdentifyScreen(
        SharedCamera(operations.decoding, lambda: CameraSettings(hint_seconds=60))
    )
    qtbot.addWidget(screen)
    screen.show()
    try:
        with qtbot.waitSignal(screen.code_scanned) as scanned:
            screen.camera.video_sink.setVideoFrame(frame_of(in_frame(qr_png("11010519491231002X"))))
        assert scanned.args == ["11010519491231002X"]
        found = identify("11010519491231002X", VerificationContext(now=NOW))
        message = screen.show_scan_outcome(found, "en")
        assert "ID number read" in message and screen.scan_outcome.isVisibleTo(screen)
        screen.clear_personal_data()
        assert screen.scan_outcome.text() == ""
    finally:
        screen.shut_down()


def test_one_camera_view_serves_identify_and_enrolment_and_reads_for_the_screen_shown(
    qtbot: QtBot, operations: Operations
) -> None:
    camera = SharedCamera(operations.decoding, lambda: CameraSettings(hint_seconds=60))
    identify, enrolment = IdentifyScreen(camera), EnrolmentScreen(camera)
    for screen in (identify, enrolment):
        qtbot.addWidget(screen)
    heard: list[str] = []
    identify.code_scanned.connect(heard.append)
    try:
        identify.show()
        view = identify.camera_slot.findChild(CameraView)
        assert isinstance(view, CameraView)
        identify.hide()
        enrolment.show()
        assert enrolment.camera_slot.findChild(CameraView) is view
        assert identify.camera_slot.findChild(CameraView) is None
        with qtbot.waitSignal(enrolment.camera_slot.code_read) as read:
            view.code_read.emit("enrolment code")
        assert read.args == ["enrolment code"] and heard == []
        enrolment.hide()
        identify.show()
        view.code_read.emit("11010519491231002X")
        assert heard == ["11010519491231002X"]
    finally:
        identify.shut_down()
        enrolment.shut_down()
