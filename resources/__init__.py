"""Data shipped with the kiosk: forms, regions, styles, translations, keyboard layouts,
sounds, the QR lattice nets."""

from pathlib import Path

RESOURCES_DIR = Path(__file__).resolve().parent
FORMS_DIR = RESOURCES_DIR / "forms"
REGIONS_FILE = RESOURCES_DIR / "regions" / "regions.json"
STYLESHEET_FILE = RESOURCES_DIR / "styles" / "kiosk.qss"
TRANSLATIONS_DIR = RESOURCES_DIR / "translations"
SAMPLE_APPLICANTS_FILE = RESOURCES_DIR / "sample_data" / "applicants.json"
THEMES_FILE = RESOURCES_DIR / "styles" / "themes.json"
KEYBOARD_LAYOUTS_DIR = RESOURCES_DIR / "keyboard" / "layouts"
QR_MODELS_DIR = RESOURCES_DIR / "qr_models"
SCAN_SUCCESS_SOUND = RESOURCES_DIR / "sounds" / "scan-success.wav"
