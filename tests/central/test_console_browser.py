"""The console's main journeys in a real browser (Debian's Chromium), on PostgreSQL.

An administrator signs in with a TOTP code and enrols a kiosk; a kiosk in its
own process enrols with the code, submits and syncs; an officer finds the
application by its tracking number, reads it and approves it; the kiosk's
next sync carries the decision back. An administrator uploads a changed form,
publishes it with the signing key's passphrase to the kiosk's township first,
and the kiosk installs it at its next sync. Screenshots of each page are kept
under the test's temporary folder (and the page shown when a step failed).

Only on PostgreSQL, where the central's other tests run on both databases:
what the browser adds (pages, forms, scripts, sign-in) does not depend on the
database, and every page and step of these journeys is served over HTTP on
SQLite and PostgreSQL by tests/central/test_console.py and test_console_forms.py.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyotp
import pytest
from selenium.webdriver.common.by import By

from central.console import accounts
from central.console.accounts import Role
from central.signing_key_store import store_signing_key
from tests.central.browser import (
    PASSWORD,
    arrived,
    chromium,
    press,
    shown,
    sign_in,
    type_into,
    wait_for,
)
from tests.central.platform import Platform
from tests.central.test_console_forms import PASSPHRASE, next_version

ROOT = Path(__file__).resolve().parents[2]
PENSION = "rural-pension-enrolment"

pytestmark = pytest.mark.parametrize("database", ["postgresql"], indirect=True)


def kiosk_step(directory: Path, url: str, *command: str) -> dict[str, object]:
    """One step of the kiosk process (enrol and submit, sync, or list its forms)."""
    done = subprocess.run(
        [sys.executable, "-m", "tests.central.kiosk_sync_child", str(directory), url, *command],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _administrator(platform: Platform) -> str:
    """An administrator account with its second factor; returns the TOTP secret."""
    secret = pyotp.random_base32()
    with platform.database.transaction() as connection:
        now = platform.clock.now()
        accounts.add_account(connection, "admin", "管理员", Role.ADMINISTRATOR, PASSWORD, now)
        accounts.set_totp_secret(connection, "admin", secret)
    return secret


def test_enrol_submit_decide_and_the_kiosk_sees_it(platform: Platform, tmp_path: Path) -> None:
    secret = _administrator(platform)
    with platform.database.transaction() as connection:
        now = platform.clock.now()
        accounts.add_account(connection, "officer", "李审批", Role.OFFICER, PASSWORD, now)
    kiosk_dir = tmp_path / "kiosk"
    kiosk_dir.mkdir()
    shots = tmp_path / "screenshots"
    shots.mkdir()
    with chromium(tmp_path / "enrol") as browser:
        sign_in(browser, platform.url, "admin", secret)
        browser.get(f"{platform.url}/console/kiosks")
        type_into(browser, "code", "LQ03")
        type_into(browser, "name", "城关镇便民服务中心")
        type_into(browser, "township", "城关镇")
        press(browser, "显示登记码")
        code = shown(browser, "code.secret").text
        assert shown(browser, ".qr svg").is_displayed()
        browser.save_screenshot(str(shots / "enrolment.png"))

    # Acknowledged by the platform: the kiosk knows it as received, nothing more yet.
    assert kiosk_step(kiosk_dir, platform.url, "enrol", code) == {"status": "received"}
    tracking = json.loads((kiosk_dir / "application.json").read_text())["tracking_number"]

    with chromium(tmp_path / "decide") as browser:
        sign_in(browser, platform.url, "officer", None)
        type_into(browser, "q", tracking)
        press(browser, "打开")
        assert "王秀英" in shown(browser, "dl.answers").text
        browser.save_screenshot(str(shots / "application.png"))
        shown(browser, "input[name=status][value=approved]").click()
        type_into(browser, "note", "请于下月 10 日到乡镇领取社保卡。")
        press(browser, "保存办理结果")
        wait_for(
            browser,
            lambda page: "准予" in page.find_element(By.CSS_SELECTOR, "ol.history").text,
            "the decision in the history",
        )
        browser.save_screenshot(str(shots / "decided.png"))

    assert kiosk_step(kiosk_dir, platform.url, "status") == {"status": "approved"}


def test_a_form_update_published_in_the_browser_is_installed_by_the_kiosk(
    platform: Platform, tmp_path: Path
) -> None:
    secret = _administrator(platform)
    with platform.database.transaction() as connection:
        store_signing_key(connection, platform.key, PASSPHRASE)
    code = platform.enrolment_code("LQ03")
    with platform.database.transaction() as connection:
        connection.execute("UPDATE kiosks SET township = '城关镇' WHERE code = 'LQ03'")
    kiosk_dir = tmp_path / "kiosk"
    kiosk_dir.mkdir()
    kiosk_step(kiosk_dir, platform.url, "enrol", code)
    before = kiosk_step(kiosk_dir, platform.url, "forms")["forms"]
    assert before[PENSION]["version"] == 1  # type: ignore[index]

    title = "城乡居民基本养老保险参保登记（2027 版）"
    changed = tmp_path / "rural-pension-enrolment-v2.json"
    changed.write_bytes(next_version(title))
    shots = tmp_path / "screenshots"
    shots.mkdir()
    with chromium(tmp_path / "publish") as browser:
        sign_in(browser, platform.url, "admin", secret)
        browser.get(f"{platform.url}/console/forms")
        shown(browser, "input[type=file][name=definition]").send_keys(str(changed))
        press(browser, "检查定义")
        arrived(browser, "/console/forms/drafts/")
        assert "微信号" in shown(browser, "main").text  # the added question, previewed
        browser.save_screenshot(str(shots / "draft.png"))
        type_into(browser, "townships", "城关镇")
        type_into(browser, "passphrase", PASSPHRASE)
        press(browser, "签名并发布")
        wait_for(
            browser,
            lambda page: (
                page.current_url.endswith("/console/forms")
                and "城关镇" in page.find_element(By.CSS_SELECTOR, "table").text
            ),
            "the published version, offered to 城关镇 first",
        )
        browser.save_screenshot(str(shots / "published.png"))

    after = kiosk_step(kiosk_dir, platform.url, "forms")["forms"]
    assert after[PENSION] == {"version": 2, "title": title}  # type: ignore[index]
