"""Shared set-up for receipt tests: a real kiosk database with submitted applications.

Everything is real: the shipped forms and regions, a database file migrated
by the kiosk's own code, applications submitted through the application
store. Only the clock is pinned.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PIL import Image
from pyzbar import pyzbar  # type: ignore[import-untyped]
from sqlite_utils import Database

from kiosk.applications import Application, ApplicationStore
from kiosk.catalogue import FormCatalogue
from kiosk.clock import FixedClock
from kiosk.config import KioskConfig
from kiosk.forms import RegionTree, load_regions
from kiosk.store import open_database
from printing.fonts import ReceiptFonts, register_fonts
from printing.receipt_layout import PaperSize
from printing.receipts import ReceiptDesk
from printing.sample_receipts import uyghur_sample_form
from resources import FORMS_DIR, REGIONS_FILE, SAMPLE_APPLICANTS_FILE

START = datetime(2026, 11, 27, 3, 30, 12, tzinfo=UTC)
ZONE = ZoneInfo("Asia/Shanghai")
ID_NUMBER = "11010519491231002X"
UYGHUR_NAME = "ئايگۈل ئابدۇرېھىم"
"""An applicant's name in Uyghur (Arabic script), as an answer would hold it."""

Submit = Callable[..., Application]


@pytest.fixture
def clock() -> FixedClock:
    """A clock pinned at START, owned by one test."""
    return FixedClock(START)


@pytest.fixture
def config() -> KioskConfig:
    """A kiosk offering Chinese, English and Uyghur."""
    return KioskConfig(
        kiosk_code="LQ03",
        languages=("zh_CN", "en", "ug"),
        township={"zh_CN": "丹江镇", "en": "Danjiang Town", "ug": "دەنجياڭ بازىرى"},
    )


@pytest.fixture
def catalogue() -> FormCatalogue:
    """The shipped forms plus a small form translated into Uyghur."""
    shipped = FormCatalogue.load(FORMS_DIR)
    return FormCatalogue([*shipped.services(), uyghur_sample_form()])


@pytest.fixture(scope="session")
def regions() -> RegionTree:
    """The shipped address list."""
    return load_regions(REGIONS_FILE)


@pytest.fixture(scope="session")
def fonts() -> ReceiptFonts:
    """The shipped fonts, registered once."""
    return register_fonts()


@pytest.fixture
def db(tmp_path: Path, clock: FixedClock) -> Iterator[Database]:
    """A freshly opened and migrated database file."""
    opened = open_database(tmp_path / "kiosk.db", clock=clock)
    yield opened.db
    opened.db.close()


@pytest.fixture
def submit(db: Database, clock: FixedClock, catalogue: FormCatalogue) -> Submit:
    """Submit an application of a form in a language through the real store."""
    store = ApplicationStore(db, clock, "LQ03", zone=ZONE)

    def submit_application(
        form_id: str = "rural-pension-enrolment",
        language: str = "zh_CN",
        answers: dict[str, Any] | None = None,
        assisted_by: str | None = None,
        visit: str | None = None,
    ) -> Application:
        form = catalogue.newest(form_id)
        draft = store.create_draft(
            form_id, form.version, language, assisted_by=assisted_by, visit=visit
        )
        return store.submit(draft.uuid, answers if answers is not None else sample(form_id))

    return submit_application


@pytest.fixture
def desk_for(
    db: Database,
    clock: FixedClock,
    config: KioskConfig,
    catalogue: FormCatalogue,
    regions: RegionTree,
    fonts: ReceiptFonts,
) -> Callable[[PaperSize], ReceiptDesk]:
    """A receipt desk on the test database for a paper size."""

    def make(paper: PaperSize) -> ReceiptDesk:
        return ReceiptDesk(db, clock, config, catalogue, regions, ZONE, paper, fonts)

    return make


@pytest.fixture
def desk(desk_for: Callable[[PaperSize], ReceiptDesk]) -> ReceiptDesk:
    """A receipt desk for 80 mm rolls."""
    return desk_for(PaperSize.ROLL_80)


def sample(form_id: str) -> dict[str, Any]:
    """The shipped sample answers for a form, completed with identity and address."""
    data = json.loads(SAMPLE_APPLICANTS_FILE.read_text(encoding="utf-8"))
    answers: dict[str, Any] = dict(data["answers"][form_id])
    answers.update(
        {
            "id_number": ID_NUMBER,
            "birth_date": "1949-12-31",
            "gender": "female",
        }
    )
    if form_id == "rural-pension-enrolment":
        answers["residence_address"] = ["520000", "522634", "522634100", "522634100201"]
    return answers


def decode_qr(pdf: bytes, tmp_path: Path) -> list[str]:
    """Rasterise the PDF's first page with pdftoppm and decode its QR codes with zbar.

    The payload is ASCII (see kiosk.receipt_verification), which zbar reads without
    guessing an encoding.
    """
    source = tmp_path / "qr-source.pdf"
    source.write_bytes(pdf)
    prefix = tmp_path / "qr-page"
    subprocess.run(
        ["pdftoppm", "-r", "300", "-gray", "-png", "-singlefile", str(source), str(prefix)],
        check=True,
    )
    with Image.open(f"{prefix}.png") as image:
        return [symbol.data.decode("ascii") for symbol in pyzbar.decode(image)]
