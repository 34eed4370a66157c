"""LocalText: one text in several languages."""

from __future__ import annotations

import pytest

from kiosk.forms import LocalText


def test_get_returns_the_asked_language() -> None:
    greeting = LocalText({"zh_CN": "你好", "en": "Hello", "ug": "ياخشىمۇسىز"})
    assert greeting.get("en") == "Hello"
    assert greeting.get("ug") == "ياخشىمۇسىز"


def test_get_falls_back_in_the_given_order() -> None:
    greeting = LocalText({"zh_CN": "你好", "en": "Hello"})
    assert greeting.get("ug", ["en", "zh_CN"]) == "Hello"
    assert greeting.get("ug", ["bo", "zh_CN"]) == "你好"


def test_get_without_any_matching_language_uses_the_first_text() -> None:
    greeting = LocalText({"zh_CN": "你好", "en": "Hello"})
    assert greeting.get("ug", ["bo"]) == "你好"


def test_reads_like_a_mapping_and_cannot_be_changed() -> None:
    source = {"zh_CN": "你好", "en": "Hello"}
    greeting = LocalText(source)
    source["en"] = "Changed"
    assert greeting["en"] == "Hello"
    assert "en" in greeting
    assert list(greeting) == ["zh_CN", "en"]
    assert len(greeting) == 2
    assert dict(greeting.items()) == {"zh_CN": "你好", "en": "Hello"}
    with pytest.raises(TypeError):
        greeting["en"] = "Changed"  # type: ignore[index]


def test_equal_texts_are_equal_and_hash_alike() -> None:
    first = LocalText({"zh_CN": "是", "en": "Yes"})
    second = LocalText({"en": "Yes", "zh_CN": "是"})
    assert first == second
    assert hash(first) == hash(second)
    assert first != LocalText({"zh_CN": "是", "en": "Yes!"})


def test_an_empty_text_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one language"):
        LocalText({})
