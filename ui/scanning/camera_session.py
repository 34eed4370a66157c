"""The camera itself: QCamera and QMediaCaptureSession feeding a QVideoSink.

This is the driver boundary. Everything after the sink (preview, decoding,
hints) is the same whether frames come from a camera or from a test that
sets frames on the sink. No camera is a normal state: kiosks are installed
without one, and a camera can be unplugged.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QSize
from PySide6.QtMultimedia import (
    QCamera,
    QCameraDevice,
    QCameraFormat,
    QMediaCaptureSession,
    QMediaDevices,
    QVideoSink,
)

from kiosk.config import KioskConfig, camera_size

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CameraSettings:
    """Which camera, at what resolution, and when to offer a hint (from kiosk.toml)."""

    device: str = ""
    """Part of the camera's description or id; empty for the system's default camera."""
    width: int = 640
    height: int = 480
    hint_seconds: float = 6.0

    @classmethod
    def from_config(cls, config: KioskConfig) -> CameraSettings:
        """The camera settings from kiosk.toml (camera, resolution, hint delay)."""
        width, height = camera_size(config)
        return cls(config.camera, width, height, config.scan_hint_seconds)


class CameraControl(Protocol):
    """What the camera view needs of a camera: whether it exists, start, stop."""

    @property
    def available(self) -> bool:
        """Whether a camera exists and can be used."""
        ...

    def start(self) -> None:
        """Start delivering frames to the sink."""
        ...

    def stop(self) -> None:
        """Stop delivering frames and release the camera."""
        ...


def choose_device(devices: list[QCameraDevice], wanted: str) -> QCameraDevice | None:
    """The configured camera, else the default one, else the first; None without cameras."""
    if not devices:
        return None
    if wanted:
        for device in devices:
            identity = bytes(device.id().data()).decode("utf-8", "replace")
            if wanted.lower() in device.description().lower() or wanted == identity:
                return device
        log.warning("camera %r not found; using the default camera", wanted)
    return next((device for device in devices if device.isDefault()), devices[0])


def choose_format(device: QCameraDevice, size: QSize) -> QCameraFormat | None:
    """The device's format closest to the wanted resolution (fewest pixels apart)."""
    formats = device.videoFormats()
    if not formats:
        return None
    wanted = size.width() * size.height()
    return min(
        formats,
        key=lambda fmt: (
            abs(fmt.resolution().width() * fmt.resolution().height() - wanted),
            -fmt.maxFrameRate(),
        ),
    )


class CameraSession:
    """Connects the chosen camera to a sink; does nothing at all without a camera."""

    def __init__(self, sink: QVideoSink, settings: CameraSettings) -> None:
        self._session = QMediaCaptureSession()
        self._session.setVideoSink(sink)
        self._camera: QCamera | None = None
        device = choose_device(list(QMediaDevices.videoInputs()), settings.device)
        if device is None:
            return
        camera = QCamera(device)
        camera_format = choose_format(device, QSize(settings.width, settings.height))
        if camera_format is not None:
            camera.setCameraFormat(camera_format)
        camera.errorOccurred.connect(self._camera_error)
        self._session.setCamera(camera)
        self._camera = camera

    @property
    def available(self) -> bool:
        """Whether a camera exists and can be used."""
        return self._camera is not None and self._camera.isAvailable()

    def start(self) -> None:
        """Start delivering frames (no-op without a camera)."""
        if self._camera is not None and self._camera.isAvailable():
            self._camera.start()

    def stop(self) -> None:
        """Stop the camera: off-screen, it must not keep looking at the room."""
        if self._camera is not None:
            self._camera.stop()

    def _camera_error(self, error: QCamera.Error, message: str) -> None:
        log.warning("camera error %s: %s", error, message)
