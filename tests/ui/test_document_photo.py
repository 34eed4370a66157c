"""Taking a document photo on screen: aim, take, be told what is wrong, check, retake, keep.

Frames go into the view's video sink where the camera driver would put them;
the camera itself is the only thing stood in for.
"""

from __future__ import annotations

from collections.abc import Iterator

import cv2
import numpy as np
import pytest
from PySide6.QtMultimedia import QVideoSink
from pytestqt.qtbot import QtBot

from kiosk.photos import MAX_PHOTO_BYTES, PhotoProblem, assess_photo, photo_digest
from tests.kiosk.test_photos import page
from tests.ui.test_scanning_camera import frame_of
from ui.scanning.camera_session import CameraSettings
from ui.scanning.document_photo import DocumentPhotoView, encode_photo, photo_problem_message
from ui.widgets.photo_editor import PhotoEditor


class WorkingCamera:
    """Stands in for a camera that is plugged in; the test delivers its frames."""

    available = True

    def __init__(self, sink: QVideoSink, settings: CameraSettings) -> None:
        self.sink, self.settings = sink, settings
        self.running = False

    def start(self) -> None:
        """The camera is on."""
        self.running = True

    def stop(self) -> None:
        """The camera is off."""
        self.running = False


@pytest.fixture
def editor(qtbot: QtBot) -> Iterator[PhotoEditor]:
    made = PhotoEditor(DocumentPhotoView(CameraSettings(), session_factory=WorkingCamera))
    qtbot.addWidget(made)
    made.show()
    made.show_value(None)
    yield made
    made.view.stop()


def camera(editor: PhotoEditor) -> WorkingCamera:
    session = editor.view.session
    assert isinstance(session, WorkingCamera)
    return session


def test_take_check_retake_and_keep(qtbot: QtBot, editor: PhotoEditor) -> None:
    view = editor.view
    assert view.state == "aiming" and camera(editor).running
    assert "dashed frame" in view.status.text()

    view.video_sink.setVideoFrame(frame_of(cv2.GaussianBlur(page(), (0, 0), 5)))
    view.take_button.click()
    assert view.state == "refused:blurred"
    assert view.status.text() == photo_problem_message(PhotoProblem.BLURRED)
    assert camera(editor).running and editor.raw_value() is None

    view.video_sink.setVideoFrame(frame_of(page()))
    view.take_button.click()
    assert view.state == "checking" and not camera(editor).running
    assert view.keep_button.isVisible() and view.retake_button.isVisible()
    assert not view.still.pixmap().isNull()

    view.retake_button.click()
    assert view.state == "aiming" and camera(editor).running
    assert view.still.pixmap().isNull()

    view.video_sink.setVideoFrame(frame_of(page()))
    view.take_button.click()
    with qtbot.waitSignal(editor.photo_chosen) as chosen:
        view.keep_button.click()
    data = chosen.args[0]
    assert editor.raw_value() == photo_digest(data)
    assert assess_photo(data).problem is None
    assert view.state == "kept" and view.retake_button.isVisible()


@pytest.mark.parametrize(
    ("picture", "problem"),
    [
        (lambda: (page() * 0.1).astype(np.uint8), PhotoProblem.TOO_DARK),
        (lambda: np.full((960, 1280), 150, np.uint8), PhotoProblem.NO_DOCUMENT),
    ],
)
def test_a_bad_photo_is_refused_with_its_reason(
    editor: PhotoEditor, picture: object, problem: PhotoProblem
) -> None:
    assert callable(picture)
    editor.view.video_sink.setVideoFrame(frame_of(picture()))
    editor.view.take_button.click()

    assert editor.view.state == f"refused:{problem.value}"
    assert editor.view.status.text() == photo_problem_message(problem)
    assert editor.raw_value() is None


def test_a_photo_already_answered_shows_as_kept(editor: PhotoEditor) -> None:
    editor.show_value("a" * 64)

    assert editor.view.state == "kept" and not camera(editor).running
    assert editor.raw_value() == "a" * 64


def test_without_a_camera_the_person_is_sent_on_to_the_clerk(qtbot: QtBot) -> None:
    view = DocumentPhotoView(CameraSettings(), session_factory=None)
    qtbot.addWidget(view)
    view.start()

    assert view.state == "no_camera" and "clerk" in view.status.text()
    assert not view.take_button.isVisible()


def test_a_large_detailed_picture_is_encoded_within_the_cap() -> None:
    from PySide6.QtGui import QImage

    rng = np.random.default_rng(2)
    noise = rng.integers(0, 255, (1944, 2592), dtype=np.uint8)
    image = QImage(noise.tobytes(), 2592, 1944, 2592, QImage.Format.Format_Grayscale8)

    data = encode_photo(image)

    assert data.startswith(b"\xff\xd8\xff") and len(data) <= MAX_PHOTO_BYTES
