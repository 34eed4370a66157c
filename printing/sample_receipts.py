"""Render sample receipts of every layout to PDF and PNG, to look at them.

The images in ``docs/receipts/`` come from here: a throwaway database, the
shipped forms and sample answers, a pinned clock, and every paper size in
Chinese, English and Uyghur (the Uyghur form texts are a sample; the shipped
forms do not carry Uyghur yet), plus a reprint.

Run: ``python -m printing.sample_receipts --out docs/receipts``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from kiosk.applications import ApplicationStore
from kiosk.catalogue import FormCatalogue
from kiosk.clock import FixedClock
from kiosk.config import KioskConfig
from kiosk.forms import FormDefinition, load_regions, parse_form
from kiosk.store import open_database
from printing.receipt_layout import PaperSize
from printing.receipts import ReceiptDesk
from resources import FORMS_DIR, REGIONS_FILE, SAMPLE_APPLICANTS_FILE

PNG_DPI = 150
_ZONE = ZoneInfo("Asia/Shanghai")
_CONFIG = KioskConfig(
    kiosk_code="LQ03",
    languages=("zh_CN", "en", "ug"),
    township={"zh_CN": "丹江镇", "en": "Danjiang Town", "ug": "دەنجياڭ بازىرى"},
)


def main(argv: list[str] | None = None) -> int:
    """Write the samples and list the files written."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    for path in render_samples(args.out):
        print(path)
    return 0


def render_samples(out: Path) -> list[Path]:
    """Render every sample; returns the PNG files written."""
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="receipt-samples-") as directory:
        clock = FixedClock(datetime(2026, 11, 27, 3, 30, tzinfo=UTC))
        db = open_database(Path(directory) / "kiosk.db", clock=clock).db
        catalogue = FormCatalogue([*FormCatalogue.load(FORMS_DIR).services(), uyghur_sample_form()])
        store = ApplicationStore(db, clock, _CONFIG.kiosk_code, zone=_ZONE)
        regions = load_regions(REGIONS_FILE)
        samples = [
            ("rural-pension-enrolment", "zh_CN", _answers("rural-pension-enrolment"), None),
            ("medical-insurance-enrolment", "en", _answers("medical-insurance-enrolment"), None),
            ("minimum-living-allowance", "zh_CN", _answers("minimum-living-allowance"), "clerk07"),
            ("uyghur-sample", "ug", {"full_name": "ئايگۈل ئابدۇرېھىم"} | _identity(), None),
        ]
        for form_id, language, answers, clerk in samples:
            draft = store.create_draft(form_id, 1, language, assisted_by=clerk)
            application = store.submit(draft.uuid, answers)
            for paper in PaperSize:
                desk = ReceiptDesk(db, clock, _CONFIG, catalogue, regions, _ZONE, paper)
                name = f"{form_id}-{language}-{paper.value}"
                written.append(_write(out, name, desk.render(application)))
                if form_id == "rural-pension-enrolment" and paper is PaperSize.ROLL_80:
                    reprint = desk.render(application, reprint=True)
                    written.append(_write(out, f"{name}-reprint", reprint))
        db.close()
    return written


def _write(out: Path, name: str, pdf: bytes) -> Path:
    source = out / f"{name}.pdf"
    source.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", str(PNG_DPI), "-png", "-singlefile", str(source), str(out / name)],
        check=True,
    )
    source.unlink()
    return out / f"{name}.png"


def _identity() -> dict[str, Any]:
    sample = json.loads(SAMPLE_APPLICANTS_FILE.read_text(encoding="utf-8"))
    return {"id_number": sample["id_number"]}


def _answers(form_id: str) -> dict[str, Any]:
    sample = json.loads(SAMPLE_APPLICANTS_FILE.read_text(encoding="utf-8"))
    answers: dict[str, Any] = dict(sample["answers"][form_id])
    answers.update(_identity())
    answers.update({"birth_date": "1949-12-31", "gender": "female"})
    address = ["520000", "522634", "522634100", "522634100201"]
    for field in ("residence_address", "address"):
        answers[field] = address
    return answers


def uyghur_sample_form() -> FormDefinition:
    """A one-page form with Chinese and Uyghur texts, as a bundle would bring it: no shipped
    form is translated into Uyghur, and right-to-left receipts need one."""
    return parse_form(
        {
            "id": "uyghur-sample",
            "version": 1,
            "languages": ["zh_CN", "ug"],
            "title": {
                "zh_CN": "城乡居民基本养老保险参保登记",
                "ug": "شەھەر-يېزا ئاھالىلىرى ئاساسىي كۈتۈنۈش سۇغۇرتىسىغا تىزىملىتىش",
            },
            "processing_days": 15,
            "pages": [
                {
                    "id": "applicant",
                    "fields": [
                        {
                            "id": "full_name",
                            "type": "text",
                            "prefill": "name",
                            "label": {"zh_CN": "姓名", "ug": "ئىسىم-فامىلە"},
                        },
                        {
                            "id": "id_number",
                            "type": "id_number",
                            "prefill": "id_number",
                            "label": {"zh_CN": "身份证号码", "ug": "كىملىك نومۇرى"},
                        },
                    ],
                }
            ],
            "documents": [
                {
                    "id": "id_card",
                    "text": {
                        "zh_CN": "本人居民身份证原件",
                        "ug": "كىملىكىڭىزنىڭ ئەسلى نۇسخىسى",
                    },
                }
            ],
        },
        "uyghur-sample.json",
    )


if __name__ == "__main__":
    raise SystemExit(main())
