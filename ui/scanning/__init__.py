"""Scanning ID QR codes on the identify step: camera view and hand-held scanners."""

from ui.scanning.bursts import BurstDetector, BurstRules
from ui.scanning.camera_session import CameraSession, CameraSettings
from ui.scanning.camera_view import CameraView
from ui.scanning.frame_decoder import FrameDecoder
from ui.scanning.wedge import WedgeRecogniser

__all__ = [
    "BurstDetector",
    "BurstRules",
    "CameraSession",
    "CameraSettings",
    "CameraView",
    "FrameDecoder",
    "WedgeRecogniser",
]
