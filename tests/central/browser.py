"""Debian's Chromium driven by Selenium through chromedriver, headless, for console tests.

Playwright cannot download its own browser here; Debian ships chromium and
chromium-driver, which is what an office PC in the county would run too.

Every step waits for a condition of the page it expects (an element shown,
an address reached, a text present), never for a fixed time: a busy machine
only makes a journey slower, not flaky. When a journey fails, the page as
the browser showed it (a screenshot and its source) is kept beside the test
and named in the failure.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal, TypeVar

import pyotp
from selenium import webdriver
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.wait import WebDriverWait

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
OFFICE_SCREEN = (1366, 768)
PATIENCE_S = 90
"""How long a step waits for the page it expects (a loaded machine answers slowly)."""
PASSWORD = "correct horse battery"

T = TypeVar("T")


@contextmanager
def chromium(
    evidence: Path, language: str = "zh-CN", size: tuple[int, int] = OFFICE_SCREEN
) -> Iterator[webdriver.Chrome]:
    """A fresh headless browser (own profile, no network beyond loopback pages).

    If the block fails, ``evidence`` receives ``failure.png`` and ``failure.html``
    of the page shown at that moment, and the failure names them.
    """
    profile = tempfile.mkdtemp(prefix="console-browser-")
    options = Options()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
        f"--window-size={size[0]},{size[1]}",
        f"--lang={language}",
    ):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"intl.accept_languages": language})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(PATIENCE_S * 2)
    try:
        yield driver
    except BaseException as failure:
        _keep_evidence(driver, evidence, failure)
        raise
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def _keep_evidence(driver: WebDriver, evidence: Path, failure: BaseException) -> None:
    evidence.mkdir(parents=True, exist_ok=True)
    try:
        driver.save_screenshot(str(evidence / "failure.png"))
        (evidence / "failure.html").write_text(driver.page_source, encoding="utf-8")
        failure.add_note(f"the page at {driver.current_url} is kept in {evidence}/failure.*")
    except Exception as unreadable:  # the browser itself died: say so, keep the first failure
        failure.add_note(f"no page could be kept ({unreadable!r})")


def wait_for(
    browser: WebDriver, condition: Callable[[WebDriver], Literal[False] | T], what: str
) -> T:
    """``condition``'s first true answer, retried while the page is still changing."""
    waiting = WebDriverWait(
        browser,
        PATIENCE_S,
        ignored_exceptions=(StaleElementReferenceException, NoSuchElementException),
    )
    return waiting.until(condition, message=f"waited {PATIENCE_S} s for {what}")


def shown(browser: WebDriver, css: str) -> WebElement:
    """The element matching ``css`` once it is displayed."""
    return wait_for(
        browser, expected_conditions.visibility_of_element_located((By.CSS_SELECTOR, css)), css
    )


def type_into(browser: WebDriver, name: str, text: str) -> None:
    """Type into the field called ``name`` as a person would, once it is shown."""
    field = shown(browser, f"[name='{name}']")
    field.clear()
    field.send_keys(text)


def press(browser: WebDriver, label: str) -> None:
    """Click the button whose visible text is ``label``, once it can be clicked."""
    button = wait_for(
        browser,
        expected_conditions.element_to_be_clickable(
            (By.XPATH, f"//button[normalize-space()='{label}']")
        ),
        f"the button {label}",
    )
    button.click()


def arrived(browser: WebDriver, path: str) -> None:
    """Wait until the browser shows a page whose address contains ``path``, fully loaded."""
    wait_for(
        browser,
        lambda page: (
            path in page.current_url
            and page.execute_script("return document.readyState") == "complete"
        ),
        f"the page {path}",
    )


def sign_in(browser: WebDriver, url: str, username: str, secret: str | None) -> None:
    """Sign in through the pages (password, then the authenticator code)."""
    browser.get(f"{url}/console/sign-in")
    type_into(browser, "username", username)
    type_into(browser, "password", PASSWORD)
    press(browser, "登录")
    if secret is not None:
        arrived(browser, "/console/sign-in/code")
        type_into(browser, "code", pyotp.TOTP(secret).now())
        press(browser, "继续")
    # A click returns before the answer has loaded: wait for the queue, so the next
    # address typed does not cancel the sign-in on its way.
    arrived(browser, "/console/applications")
