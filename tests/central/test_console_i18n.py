"""Every text of the console has its Chinese translation, and pages speak it."""

from __future__ import annotations

from central.console.catalogue import extracted, read_catalogue
from central.console.i18n import pick_language, translations
from central.console.rendering import render


def test_every_console_text_is_translated_to_chinese() -> None:
    catalogue = read_catalogue("zh_CN")
    translated = {message.id for message in catalogue if message.id and message.string}
    missing = [message.id for message in extracted() if message.id and message.id not in translated]
    assert missing == [], f"python -m central.console.catalogue update, then translate {missing}"


def test_the_catalogue_holds_no_text_the_console_no_longer_uses() -> None:
    used = {message.id for message in extracted() if message.id}
    stored = {message.id for message in read_catalogue("zh_CN") if message.id}
    assert stored <= used


def test_a_page_renders_in_chinese_and_in_english() -> None:
    values = {
        "me": None,
        "csrf": "token",
        "language": "zh_CN",
        "url": lambda path: f"/console/{path}",
        "error": "",
    }
    chinese = render("zh_CN", "sign_in.html", values)
    english = render("en", "sign_in.html", {**values, "language": "en"})
    assert "登录" in chinese and "Sign in" not in chinese
    assert "Sign in" in english


def test_the_browser_language_decides_before_sign_in() -> None:
    assert pick_language(None, "en-GB,en;q=0.9") == "en"
    assert pick_language(None, "zh-CN,zh;q=0.9,en;q=0.5") == "zh_CN"
    assert pick_language(None, "ug,fr") == "zh_CN"
    assert pick_language("en", "zh-CN") == "en"
    assert translations("zh_CN").gettext("Applications") == "申请"
