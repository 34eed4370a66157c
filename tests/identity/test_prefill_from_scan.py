"""A signed ID rendered to PNG, read by the pipeline and verified, fills a real service form."""

from __future__ import annotations

from kiosk.forms import load_form, prefill_answers
from kiosk.forms.idnumber import check_character
from kiosk.forms.regions import load_regions
from kiosk.forms.validation import ValidationContext
from kiosk.identity import Outcome, VerificationContext, identify, parse_trust_list
from kiosk.qr import QrPipeline
from resources import FORMS_DIR, REGIONS_FILE
from tests.identity.claim169_factory import NOW, PERSON, p256_key, signed_code, trust_list_json
from tests.qr.codes import in_frame, qr_png

NUMBER = "52263419800101123" + check_character("52263419800101123")


def test_a_scanned_signed_id_prefills_the_pension_form() -> None:
    key = p256_key()
    code = signed_code(key, person={**PERSON, 1: NUMBER})
    decoded = QrPipeline().decode(in_frame(qr_png(code, box_size=3)))
    assert decoded is not None
    trust = parse_trust_list(trust_list_json([key.trust_entry()]))
    found = identify(decoded.text, VerificationContext(now=NOW, trust_list=trust))
    assert found.outcome is Outcome.VERIFIED
    form = load_form(FORMS_DIR / "rural-pension-enrolment.json")
    context = ValidationContext(NOW.date(), load_regions(REGIONS_FILE))
    answers = prefill_answers(form, found.prefill_claims, context)
    by_claim = {str(item.prefill): answers.get(item.id) for item in form.fields() if item.prefill}
    assert by_claim["name"] == "张三"
    assert by_claim["id_number"] == NUMBER
    assert by_claim["birth_date"] == "1980-01-01"
    assert by_claim["gender"] == "male"
    assert by_claim["phone"] == "13800138000"
    assert by_claim["address"] == ("520000", "522634", "522634100", "522634100201")
