"""The console's main journeys in a real browser (Debian's Chromium), on SQLite and PostgreSQL.

An administrator signs in with a TOTP code and enrols a kiosk; a kiosk in its
own process enrols with the code, submits and syncs; an officer finds the
application by its tracking number, reads it and approves it; the kiosk's
next sync carries the decision back. Screenshots of each page are kept under
the test's temporary folder.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyotp
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.wait import WebDriverWait

from central.console import accounts
from central.console.accounts import Role
from tests.central.browser import chromium
from tests.central.platform import Platform

PASSWORD = "correct horse battery"
ROOT = Path(__file__).resolve().parents[2]


def kiosk_step(directory: Path, url: str, *command: str) -> dict[str, object]:
    """One step of the kiosk process (enrol and submit, or sync)."""
    done = subprocess.run(
        [sys.executable, "-m", "tests.central.kiosk_sync_child", str(directory), url, *command],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def type_into(browser: WebDriver, name: str, text: str) -> None:
    """Type into the field called ``name`` as a person would."""
    field = browser.find_element(By.NAME, name)
    field.clear()
    field.send_keys(text)


def press(browser: WebDriver, label: str) -> None:
    """Click the button whose visible text is ``label``."""
    browser.find_element(By.XPATH, f"//button[normalize-space()='{label}']").click()


def sign_in(browser: WebDriver, url: str, username: str, secret: str | None) -> None:
    """Sign in through the pages (password, then the authenticator code)."""
    browser.get(f"{url}/console/sign-in")
    type_into(browser, "username", username)
    type_into(browser, "password", PASSWORD)
    press(browser, "登录")
    if secret is not None:
        type_into(browser, "code", pyotp.TOTP(secret).now())
        press(browser, "继续")
    # A click returns before the answer has loaded: wait for the queue, so the next
    # address typed does not cancel the sign-in on its way.
    WebDriverWait(browser, 60).until(lambda shown: "/console/applications" in shown.current_url)


def test_enrol_submit_decide_and_the_kiosk_sees_it(platform: Platform, tmp_path: Path) -> None:
    secret = pyotp.random_base32()
    with platform.database.transaction() as connection:
        now = platform.clock.now()
        accounts.add_account(connection, "admin", "管理员", Role.ADMINISTRATOR, PASSWORD, now)
        accounts.set_totp_secret(connection, "admin", secret)
        accounts.add_account(connection, "officer", "李审批", Role.OFFICER, PASSWORD, now)
    kiosk_dir = tmp_path / "kiosk"
    kiosk_dir.mkdir()
    shots = tmp_path / "screenshots"
    shots.mkdir()
    with chromium() as browser:
        sign_in(browser, platform.url, "admin", secret)
        browser.get(f"{platform.url}/console/kiosks")
        type_into(browser, "code", "LQ03")
        type_into(browser, "name", "城关镇便民服务中心")
        type_into(browser, "township", "城关镇")
        press(browser, "显示登记码")
        browser.save_screenshot(str(shots / "enrolment.png"))
        code = browser.find_element(By.CSS_SELECTOR, "code.secret").text
        assert browser.find_element(By.CSS_SELECTOR, ".qr svg").is_displayed()

    # Acknowledged by the platform: the kiosk knows it as received, nothing more yet.
    assert kiosk_step(kiosk_dir, platform.url, "enrol", code) == {"status": "received"}
    tracking = json.loads((kiosk_dir / "application.json").read_text())["tracking_number"]

    with chromium() as browser:
        sign_in(browser, platform.url, "officer", None)
        type_into(browser, "q", tracking)
        press(browser, "打开")
        answers = browser.find_element(By.CSS_SELECTOR, "dl.answers")  # waits for the page
        assert "王秀英" in answers.text
        browser.save_screenshot(str(shots / "application.png"))
        browser.find_element(By.CSS_SELECTOR, "input[name=status][value=approved]").click()
        type_into(browser, "note", "请于下月 10 日到乡镇领取社保卡。")
        press(browser, "保存办理结果")
        WebDriverWait(browser, 60, ignored_exceptions=(StaleElementReferenceException,)).until(
            lambda shown: "准予" in shown.find_element(By.CSS_SELECTOR, "ol.history").text
        )
        browser.save_screenshot(str(shots / "decided.png"))

    assert kiosk_step(kiosk_dir, platform.url, "status") == {"status": "approved"}
