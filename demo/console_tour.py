"""Screenshots of every console page in both languages, on a platform filled like a real week.

    python -m demo.console_tour --out docs/console

A platform on a temporary SQLite database (clock fixed, so the pictures do
not change from run to run) gets the sample forms, four kiosks in three
townships, a dozen applications sent over the API as kiosks send them (in
Chinese and Uyghur, some filled in with a clerk), a few decisions, a
complaint, the three roles and a form update waiting as a draft. Debian's
Chromium (headless, through chromedriver) then visits each page as an
administrator would, in zh_CN and en, at an office PC's 1366 px width.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import random
import tarfile
import tempfile
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pyotp
import requests
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

from central import closures, form_registry, kiosk_registry, signing
from central.console import accounts
from central.console.accounts import Role
from central.database import Database
from central.decisions import Decision, decide
from central.form_drafts import check_definition, save_draft
from central.schema import create_schema
from central.server import ThreadedServer
from central.signing_key_store import store_signing_key
from central.update_repository import UpdateRepository, read_key, updates_dir
from central.update_rollout import kiosks_in_townships
from kiosk.clock import FixedClock, format_timestamp, parse_timestamp
from kiosk.forms import load_form
from kiosk.forms.loader import decode_form_json
from kiosk.software_updates import Rollout
from kiosk.tracking import check_character
from resources import FORMS_DIR
from sync.protocol import ApplicationStatus

MOMENT = datetime(2026, 12, 7, 2, 30, tzinfo=UTC)
PASSWORD = "demo console password"
PASSPHRASE = "demo signing passphrase"
KIOSKS = (
    ("LQ01", "城关镇便民服务中心", "城关镇"),
    ("LQ02", "东乡便民服务中心", "东乡"),
    ("LQ03", "西乡便民服务中心", "西乡"),
    ("LQ04", "城关镇北村服务点", "城关镇"),
)
NAMES = (
    "王秀英",
    "李建国",
    "阿依古丽·买买提",
    "张桂兰",
    "艾合买提·吐尔逊",
    "刘福生",
    "陈玉珍",
    "古丽娜尔",
    "赵长江",
    "周淑芬",
    "买买提·艾力",
    "孙德胜",
)
PAGES = (
    ("applications", "queue"),
    ("application", "application"),
    ("kiosks", "kiosks"),
    ("kiosk-staff", "kiosk-staff"),
    ("forms", "forms"),
    ("draft", "form-draft"),
    ("notes", "notes"),
    ("trust-lists", "trust-lists"),
    ("feedback", "feedback"),
    ("statistics", "statistics"),
    ("accounts", "accounts"),
    ("audit", "audit"),
    ("closure-days", "closure-days"),
)


def _tracking(kiosk: str, day: date, sequence: int) -> str:
    while True:
        payload = f"{kiosk}{day:%y%m%d}{sequence:04d}"
        check = check_character(payload)
        if check is not None:
            return f"{kiosk}-{day:%y%m%d}-{sequence:04d}-{check}"
        sequence += 1


def _applications(rng: random.Random) -> Iterator[tuple[str, dict[str, object]]]:
    forms = sorted(path.stem for path in FORMS_DIR.glob("*.json"))
    for number, name in enumerate(NAMES):
        kiosk = KIOSKS[number % len(KIOSKS)][0]
        submitted = MOMENT - timedelta(days=rng.randint(1, 20), hours=rng.randint(0, 6))
        language = "ug" if "·" in name or name == "古丽娜尔" else "zh_CN"
        yield (
            kiosk,
            {
                "uuid": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                "form_id": forms[number % len(forms)],
                "form_version": 1,
                "language": language,
                "tracking_number": _tracking(kiosk, submitted.date(), number + 1),
                "submitted_at": format_timestamp(submitted),
                "assisted": number % 3 == 0,
                "answers": {
                    "full_name": name,
                    "phone": f"1380013{number:04d}",
                    "hukou_type": "rural",
                },
            },
        )


def fill(database: Database, clock: FixedClock, url: str, folder: Path) -> str:
    """Forms, kiosks, applications, decisions, a complaint and accounts; returns the TOTP secret."""
    key = signing.generate_key(folder / "signing.pem")
    with database.transaction() as connection:
        form_registry.record_public_key(connection, key)
        for path in sorted(FORMS_DIR.glob("*.json")):
            data = decode_form_json(path.read_text(encoding="utf-8"), path.name)
            form_registry.publish(connection, load_form(path), data, key, clock.now())
        for code, name, township in KIOSKS:
            kiosk_registry.create_kiosk(connection, code, name, clock.now())
            connection.execute("UPDATE kiosks SET township = ? WHERE code = ?", [township, code])
        store_signing_key(connection, key, PASSPHRASE)
    credentials = {code: _enrol(database, clock, url, code) for code, _, _ in KIOSKS}
    sent: list[str] = []
    for kiosk, item in sorted(
        _applications(random.Random(7)), key=lambda pair: str(pair[1]["submitted_at"])
    ):
        clock.set(
            parse_timestamp(str(item["submitted_at"])) + timedelta(minutes=20)
        )  # synced soon after
        body = gzip.compress(json.dumps({"items": [item]}).encode())
        requests.post(
            f"{url}/api/v1/applications/batch",
            data=body,
            headers={
                "Content-Encoding": "gzip",
                "Content-Type": "application/json",
                "Authorization": f"Bearer {credentials[kiosk]}",
            },
            timeout=30,
        ).raise_for_status()
        sent.append(str(item["uuid"]))
    clock.set(MOMENT)
    _decide(database, clock, sent)
    _complain(url, credentials["LQ02"])
    _publish_update(database, folder)
    _report(url, credentials)
    with database.transaction() as connection:
        closures.close(connection, date(2026, 12, 8), "山洪，乡镇便民服务中心停止办公")
    return _accounts(database, clock, folder)


REPORTS: tuple[tuple[str, int, str, int, dict[str, Any]], ...] = (
    (
        "ready",
        31_500_000_000,
        "0.2.0",
        3,
        {"state": "healthy", "version": "0.2.0", "previous": "0.1.0"},
    ),
    ("out_of_paper", 2_100_000_000, "0.1.0", 3, {"state": "none"}),
    (
        "paper_low",
        18_400_000_000,
        "0.1.0",
        2,
        {
            "state": "rolled_back",
            "version": "0.2.0",
            "previous": "0.1.0",
            "detail": "no healthy start screen after 4 starts (crash loop)",
            "refused": ["0.2.0"],
        },
    ),
)
"""Printer, free disk, software, fleet settings serial and software update of the first
kiosks; the last sends no report (older). LQ01 and LQ03 are in the rollout (its township,
its share), LQ02 is not."""
UPDATE_VERSION = "0.2.0"
UPDATE_TOWNSHIPS = ("城关镇",)
UPDATE_PERCENT = 15


def _publish_update(database: Database, folder: Path) -> None:
    """A signed kiosk version offered to one township and a share of the rest.

    The update metadata is signed with real time (its expiry is checked
    against the kiosks' clocks); the console shows none of it."""
    repository = UpdateRepository(updates_dir(database))
    repository.initialise(folder / "update-keys", root_keys=3, threshold=2, now=datetime.now(UTC))
    artefact = folder / f"kiosk-{UPDATE_VERSION}.tar.gz"
    entry = b"#!/bin/sh\n"
    with tarfile.open(artefact, "w:gz") as archive:
        member = tarfile.TarInfo(f"{UPDATE_VERSION}/bin/kiosk")
        member.size, member.mode = len(entry), 0o755
        archive.addfile(member, io.BytesIO(entry))
    with database.transaction() as connection:
        kiosks = kiosks_in_townships(connection, UPDATE_TOWNSHIPS)
    repository.publish(
        artefact,
        UPDATE_VERSION,
        read_key(folder / "update-keys" / "targets.pem"),
        Rollout("", "", UPDATE_PERCENT, UPDATE_TOWNSHIPS, kiosks),
        datetime.now(UTC),
    )


def _report(url: str, credentials: dict[str, str]) -> None:
    forms = [
        {"form_id": path.stem, "version": 1, "retired": False}
        for path in sorted(FORMS_DIR.glob("*.json"))
    ]
    for (code, _, _), (printer, free, version, serial, update) in zip(
        KIOSKS, REPORTS, strict=False
    ):
        report: dict[str, Any] = {
            "software_version": version,
            "forms": forms,
            "printer": printer,
            "printer_checked_at": format_timestamp(MOMENT - timedelta(minutes=5)),
            "disk_free_bytes": free,
            "disk_total_bytes": 64_000_000_000,
            "fleet_settings_serial": serial,
            "software_update": update,
        }
        requests.put(
            f"{url}/api/v1/kiosk-report",
            json=report,
            headers={"Authorization": f"Bearer {credentials[code]}"},
            timeout=30,
        ).raise_for_status()


def _enrol(database: Database, clock: FixedClock, url: str, code: str) -> str:
    with database.transaction() as connection:
        one_time = kiosk_registry.create_enrolment_code(connection, code, clock.now())
    answer = requests.post(f"{url}/api/v1/enrolment", json={"enrolment_code": one_time}, timeout=30)
    answer.raise_for_status()
    return str(answer.json()["credential"])


def _decide(database: Database, clock: FixedClock, sent: list[str]) -> None:
    outcomes = (
        (ApplicationStatus.APPROVED, "请于 12 月 10 日起到乡镇领取社保卡。"),
        (ApplicationStatus.RECEIVED, ""),
        (ApplicationStatus.DOCUMENTS_NEEDED, "户口簿原件、本人名下的银行卡"),
        (ApplicationStatus.IN_REVIEW, ""),
    )
    with database.transaction() as connection:
        for uuid_text, (status, note) in zip(sent, outcomes, strict=False):
            decide(connection, uuid_text, Decision(status, note, "zh_CN"), clock.now())


def _complain(url: str, credential: str) -> None:
    complaint: dict[str, Any] = {
        "uuid": str(uuid.UUID(int=11, version=4)),
        "created_at": format_timestamp(MOMENT - timedelta(days=1)),
        "language": "zh_CN",
        "rating": 2,
        "topic": "waiting",
        "comment": "打印机没纸了，等了半个小时才拿到回执。",
        "contact": "13900139000",
    }
    requests.post(
        f"{url}/api/v1/feedback",
        json={"items": [complaint]},
        headers={"Authorization": f"Bearer {credential}"},
        timeout=30,
    ).raise_for_status()


def _accounts(database: Database, clock: FixedClock, folder: Path) -> str:
    secret = pyotp.random_base32()
    with database.transaction() as connection:
        accounts.add_account(
            connection, "admin", "系统管理员", Role.ADMINISTRATOR, PASSWORD, clock.now()
        )
        accounts.set_totp_secret(connection, "admin", secret)
        accounts.add_account(
            connection,
            "li.shen",
            "李审批",
            Role.OFFICER,
            PASSWORD,
            clock.now(),
            services=("rural-pension-enrolment",),
            townships=("城关镇",),
        )
        accounts.add_account(
            connection, "zhao.du", "赵督查", Role.SUPERVISOR, PASSWORD, clock.now()
        )
        update = json.loads(
            (FORMS_DIR / "rural-pension-enrolment.json").read_text(encoding="utf-8")
        )
        update["version"] = 2
        update["pages"][0]["fields"].append(
            {
                "id": "wechat",
                "type": "text",
                "label": {"zh_CN": "微信号（选填）", "ug": "ئۈندىدار", "en": "WeChat (optional)"},
            }
        )
        text = json.dumps(update, ensure_ascii=False)
        checked = check_definition(text, "rural-pension-enrolment.json")
        assert checked.form is not None
        save_draft(connection, checked.form, text, "admin", clock.now())
    return secret


def _browser(language: str) -> webdriver.Chrome:
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--no-first-run",
        "--window-size=1366,768",
        f"--lang={language}",
    ):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"intl.accept_languages": language})
    browser = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    browser.implicitly_wait(10)  # pages load on a busy machine too
    return browser


def _shoot(browser: webdriver.Chrome, path: Path) -> None:
    """The whole page, however long: the window grows to the document's height."""
    height = int(browser.execute_script("return document.documentElement.scrollHeight"))
    metrics = {"width": 1366, "height": max(768, min(height, 6000)), "deviceScaleFactor": 1}
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {**metrics, "mobile": False})
    browser.save_screenshot(str(path))
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def tour(url: str, secret: str, out: Path, language: str) -> list[Path]:
    """Visit every page in ``language``; returns the pictures written."""
    tag = "zh_CN" if language == "zh-CN" else "en"
    written: list[Path] = []
    browser = _browser(language)
    try:
        browser.get(f"{url}/console/sign-in")
        written.append(out / f"{tag}-01-sign-in.png")
        _shoot(browser, written[-1])
        browser.find_element(By.NAME, "username").send_keys("admin")
        browser.find_element(By.NAME, "password").send_keys(PASSWORD)
        browser.find_element(By.CSS_SELECTOR, "button.primary").click()
        browser.find_element(By.NAME, "code").send_keys(pyotp.TOTP(secret).now())
        browser.find_element(By.CSS_SELECTOR, "button.primary").click()
        browser.find_element(By.CSS_SELECTOR, f"button[name=language][value={tag}]").click()
        for number, (page, name) in enumerate(PAGES, start=2):
            if page == "application":
                browser.get(f"{url}/console/applications?status=all")
                browser.find_element(By.CSS_SELECTOR, "table.queue tbody a").click()
            elif page == "draft":
                browser.get(f"{url}/console/forms/drafts/1")
            else:
                browser.get(f"{url}/console/{page}")
            written.append(out / f"{tag}-{number:02d}-{name}.png")
            _shoot(browser, written[-1])
    finally:
        browser.quit()
    return written


def main() -> None:
    """Fill a platform, take the pictures, print where they are."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("docs/console"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    clock = FixedClock(MOMENT)
    with tempfile.TemporaryDirectory() as folder:
        database = Database(f"sqlite:///{Path(folder) / 'central.db'}")
        create_schema(database)
        server = ThreadedServer(database, clock)
        url = server.start()
        try:
            secret = fill(database, clock, url, Path(folder))
            for language in ("zh-CN", "en"):
                for path in tour(url, secret, args.out, language):
                    print(path)
        finally:
            server.stop()


if __name__ == "__main__":
    main()
