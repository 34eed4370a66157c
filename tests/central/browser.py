"""Debian's Chromium driven by Selenium through chromedriver, headless, for console tests.

Playwright cannot download its own browser here; Debian ships chromium and
chromium-driver, which is what an office PC in the county would run too.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
OFFICE_SCREEN = (1366, 768)


@contextmanager
def chromium(
    language: str = "zh-CN", size: tuple[int, int] = OFFICE_SCREEN
) -> Iterator[webdriver.Chrome]:
    """A fresh headless browser (own profile, no network beyond loopback pages)."""
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
    driver.implicitly_wait(15)  # a page on a busy machine: look for its elements a while
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
