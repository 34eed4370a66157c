"""Any form file, however broken, is either loaded or refused with named problems.

The loader is the kiosk's front door for forms: files from the resources
directory, bundles from the central platform, files an administrator checks
with ``kiosk forms check``. Nothing it is given may raise anything but
FormDefinitionError, and a refusal always says what is wrong.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from kiosk.forms import FormDefinition, FormDefinitionError, parse_form
from kiosk.forms.loader import decode_form_json
from tests.fuzz.mutations import json_values, mutated
from tests.fuzz.profile import FUZZ, examples

FORMS = Path(__file__).resolve().parents[2] / "resources" / "forms"
SAMPLES: dict[str, Any] = {
    path.stem: json.loads(path.read_text(encoding="utf-8")) for path in FORMS.glob("*.json")
}


def load_or_refuse(text: str) -> FormDefinition | FormDefinitionError:
    """The loader's answer to `text`: a form, or the error naming its problems."""
    try:
        return parse_form(decode_form_json(text, "fuzz.json"), "fuzz.json")
    except FormDefinitionError as error:
        return error


def assert_clear(outcome: FormDefinition | FormDefinitionError) -> None:
    """A refusal names at least one problem, each with a non-empty message."""
    if isinstance(outcome, FormDefinitionError):
        assert outcome.problems
        assert all(problem.message.strip() for problem in outcome.problems)


@examples(200)
@given(st.sampled_from(sorted(SAMPLES)).flatmap(lambda name: mutated(SAMPLES[name], 4)))
def test_mutated_sample_forms_load_or_are_refused_clearly(document: Any) -> None:
    assert_clear(load_or_refuse(json.dumps(document, ensure_ascii=False)))


@FUZZ
@given(json_values)
def test_any_json_value_is_refused_clearly(document: Any) -> None:
    outcome = load_or_refuse(json.dumps(document))
    assert isinstance(outcome, FormDefinitionError)
    assert_clear(outcome)


@FUZZ
@given(st.text(max_size=400))
def test_any_text_loads_or_is_refused_clearly(text: str) -> None:
    assert_clear(load_or_refuse(text))


@FUZZ
@given(st.sampled_from(sorted(SAMPLES)), st.data())
def test_truncated_sample_forms_are_refused(name: str, data: st.DataObject) -> None:
    text = json.dumps(SAMPLES[name], ensure_ascii=False)
    cut = data.draw(st.integers(0, len(text) - 1))
    outcome = load_or_refuse(text[:cut])
    assert isinstance(outcome, FormDefinitionError)
    assert_clear(outcome)


def test_the_unmutated_samples_load() -> None:
    for name, document in SAMPLES.items():
        assert isinstance(
            load_or_refuse(json.dumps(document, ensure_ascii=False)), FormDefinition
        ), name


def test_a_required_key_that_is_null_is_named() -> None:
    """Found by the mutation fuzzer: a null id, version or title raised a bare ValueError."""
    for key in ("id", "version", "title"):
        document = {**SAMPLES["rural-pension-enrolment"], key: None}
        outcome = load_or_refuse(json.dumps(document, ensure_ascii=False))
        assert isinstance(outcome, FormDefinitionError)
        assert f"fuzz.json: '{key}' must not be null" in [str(p) for p in outcome.problems]
