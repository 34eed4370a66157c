"""Forms in the console: problems named as the kiosk names them, preview and comparison,
publishing with the signing key's passphrase, a staged rollout seen from two kiosks."""

from __future__ import annotations

import json
from typing import Any

import pyotp
import requests

from central import trust_list_registry
from central.console import accounts
from central.console.accounts import Role
from central.signing_key_store import store_signing_key
from tests.central.platform import FORMS_DIR, PENSION_FORM, Platform
from tests.central.test_console import PASSWORD, add, console, csrf_of, sign_in
from tests.identity.claim169_factory import ed25519_key, trust_list_json

PASSPHRASE = "a long signing passphrase"


def administrator(platform: Platform) -> requests.Session:
    """An administrator signed in with their second factor, the signing key stored."""
    secret = pyotp.random_base32()
    add(platform, "admin", Role.ADMINISTRATOR)
    with platform.database.transaction() as connection:
        accounts.set_totp_secret(connection, "admin", secret)
        store_signing_key(connection, platform.key, PASSPHRASE)
    return sign_in(platform, "admin", totp_secret=secret)


def next_version(title: str) -> bytes:
    """The pension form as version 2 with a new title and one more question."""
    data: dict[str, Any] = json.loads(PENSION_FORM.read_text(encoding="utf-8"))
    data["version"] = 2
    data["title"]["zh_CN"] = title
    data["pages"][0]["fields"].append(
        {
            "id": "wechat",
            "type": "text",
            "label": {"zh_CN": "微信号", "ug": "ئۈندىدار", "en": "WeChat"},
        }
    )
    return json.dumps(data, ensure_ascii=False).encode()


def upload(
    browser: requests.Session, platform: Platform, body: bytes, name: str = "form.json"
) -> requests.Response:
    page = browser.get(console(platform, "forms"), timeout=30)
    return browser.post(
        console(platform, "forms/upload"),
        data={"csrf_token": csrf_of(page)},
        files={"definition": (name, body, "application/octet-stream")},
        timeout=30,
    )


def offered(platform: Platform, kiosk: str) -> set[tuple[str, int]]:
    credential = platform.credential(kiosk)
    listing = requests.get(
        f"{platform.url}/api/v1/forms",
        headers={"Authorization": f"Bearer {credential}"},
        timeout=30,
    ).json()
    return {(item["form_id"], item["version"]) for item in listing["bundles"]}


def test_a_broken_definition_is_refused_with_the_loaders_words(platform: Platform) -> None:
    browser = administrator(platform)
    data = json.loads(PENSION_FORM.read_text(encoding="utf-8"))
    data["pages"][0]["fields"][0]["relevant"] = "${nowhere} = 'x'"
    refused = upload(browser, platform, json.dumps(data).encode())
    assert refused.status_code == 422
    assert "nowhere" in refused.text
    assert upload(browser, platform, b"{not json").status_code == 422


def test_a_staged_rollout_reaches_one_township_then_everyone(platform: Platform) -> None:
    with platform.database.transaction() as connection:
        for code, township in (("EAST1", "东乡"), ("WEST1", "西乡")):
            connection.execute(
                "INSERT INTO kiosks (code, name, created_at, township) VALUES (?, ?, ?, ?)",
                [code, code, "2026-11-27T03:30:12.000000Z", township],
            )
    browser = administrator(platform)
    preview = upload(browser, platform, next_version("城乡居民养老保险（新）"))
    assert "/console/forms/drafts/" in preview.url
    assert "wechat" in preview.text and "微信号" in preview.text  # added, shown in each language
    publish_url = preview.url + "/publish"
    wrong = browser.post(
        publish_url,
        data={
            "passphrase": "not the passphrase",
            "townships": "东乡",
            "csrf_token": csrf_of(preview),
        },
        timeout=30,
    )
    assert wrong.status_code == 403
    done = browser.post(
        publish_url,
        data={"passphrase": PASSPHRASE, "townships": "东乡", "csrf_token": csrf_of(preview)},
        timeout=30,
    )
    assert done.status_code == 200
    form = ("rural-pension-enrolment", 2)
    assert form in offered(platform, "EAST1")
    assert form not in offered(platform, "WEST1")
    widened = browser.post(
        console(platform, "forms/rural-pension-enrolment/2/rollout"),
        data={"action": "everyone", "csrf_token": csrf_of(done)},
        timeout=30,
    )
    assert widened.status_code == 200
    assert form in offered(platform, "WEST1")


def test_officers_cannot_reach_the_forms(platform: Platform) -> None:
    add(platform, "officer", Role.OFFICER)
    browser = sign_in(platform, "officer")
    assert browser.get(console(platform, "forms"), timeout=30).status_code == 403
    assert PASSWORD  # the officer signed in with the shared test password


def test_a_trust_list_is_checked_then_published_signed(platform: Platform) -> None:
    browser = administrator(platform)
    page = browser.get(console(platform, "trust-lists"), timeout=30)
    broken = browser.post(
        console(platform, "trust-lists"),
        data={"csrf_token": csrf_of(page), "passphrase": PASSPHRASE},
        files={"definition": ("trust.json", b'{"format": "nonsense"}', "application/json")},
        timeout=30,
    )
    assert broken.status_code == 422
    document = trust_list_json([ed25519_key().trust_entry()])
    published = browser.post(
        console(platform, "trust-lists"),
        data={"csrf_token": csrf_of(page), "passphrase": PASSPHRASE},
        files={"definition": ("trust.json", document.encode(), "application/json")},
        timeout=30,
    )
    assert published.status_code == 200
    assert b"ed-2026".hex() in published.text
    with platform.database.transaction() as connection:
        newest = trust_list_registry.newest(connection)
    assert newest is not None and newest.serial == 1


def test_a_services_note_template_is_edited_and_used(platform: Platform) -> None:
    browser = administrator(platform)
    page = browser.get(
        console(platform, "notes"), params={"service": "rural-pension-enrolment"}, timeout=30
    )
    saved = browser.post(
        console(platform, "notes"),
        data={
            "csrf_token": csrf_of(page),
            "service": "rural-pension-enrolment",
            "approved:zh_CN": "养老保险参保成功，下月起按月扣缴。",
        },
        timeout=30,
    )
    assert "养老保险参保成功" in saved.text


def test_kiosk_staff_are_added_signed_and_reach_the_kiosk(platform: Platform) -> None:
    credential = platform.credential("LQ03")
    browser = administrator(platform)
    page = browser.get(console(platform, "kiosk-staff"), timeout=30)
    account = {
        "staff_id": "1007",
        "name": "马晓梅",
        "kiosk": "LQ03",
        "role": "clerk",
        "pin": "4821",
        "pin_again": "4821",
        "passphrase": PASSPHRASE,
        "csrf_token": csrf_of(page),
    }
    added = browser.post(console(platform, "kiosk-staff"), data=account, timeout=30)
    assert added.status_code == 200 and "马晓梅" in added.text
    fleet = browser.post(
        console(platform, "kiosk-staff"), data={**account, "kiosk": "*"}, timeout=30
    )
    assert fleet.status_code == 400  # every kiosk holds the hash: 12 digits needed
    listed = requests.get(
        f"{platform.url}/api/v1/staff",
        headers={"Authorization": f"Bearer {credential}"},
        timeout=30,
    ).json()
    (record,) = [item for item in listed["staff"] if item["staff_id"] == "1007"]
    assert record["signature"] and "4821" not in str(record)


def test_an_xlsform_workbook_is_uploaded_and_previewed(platform: Platform) -> None:
    browser = administrator(platform)
    workbook = (FORMS_DIR / "rural-pension-enrolment.xlsx").read_bytes()
    preview = upload(browser, platform, workbook, name="rural-pension-enrolment.xlsx")
    assert "/console/forms/drafts/" in preview.url
    assert "No question changed" in preview.text or "没有问题被修改" in preview.text
    broken = upload(browser, platform, b"PK\x03\x04 not a workbook", name="broken.xlsx")
    assert broken.status_code == 422
