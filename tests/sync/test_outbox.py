"""The outbox reaches the centre exactly once, whatever the link does."""

from __future__ import annotations

import random
from datetime import timedelta
from pathlib import Path

from bench.fault_proxy import Fault, FaultProxy
from kiosk.clock import parse_timestamp
from kiosk.store import connect
from sync.backoff import BackoffPolicy
from sync.client import Timeouts
from tests.central.platform import Platform
from tests.sync.conftest import Kiosk, make_kiosk


def central_copies(platform: Platform) -> int:
    """Applications the centre holds."""
    return platform.count("SELECT COUNT(*) FROM applications")


def test_submitted_applications_are_sent_and_acknowledged(kiosk: Kiosk, platform: Platform) -> None:
    kiosk.submit(5)
    report = kiosk.worker.run_once()
    assert report.online and report.acknowledged == 5 and report.backlog == 0
    assert central_copies(platform) == 5
    assert kiosk.pending() == 0
    # Acknowledged entries are kept, not deleted.
    assert int(kiosk.db.execute("SELECT COUNT(*) FROM outbox").fetchone()[0]) == 5


def test_a_lost_answer_after_commit_creates_no_duplicate(
    kiosk: Kiosk, platform: Platform, proxy: FaultProxy
) -> None:
    kiosk.submit(3)
    proxy.fault = Fault.DROP_RESPONSE
    report = kiosk.worker.run_once()
    assert not report.online
    assert central_copies(platform) == 3  # the centre committed
    assert kiosk.pending() == 3  # but the kiosk never heard so
    proxy.fault = Fault.PASS
    kiosk.clock.advance(timedelta(hours=2))
    assert kiosk.worker.run_once().acknowledged == 3
    assert central_copies(platform) == 3
    assert kiosk.pending() == 0


def test_a_cut_response_and_a_cut_request_are_retried_without_duplicates(
    kiosk: Kiosk, platform: Platform, proxy: FaultProxy
) -> None:
    kiosk.submit(2)
    proxy.fault, proxy.cut_after = Fault.CUT_RESPONSE, 40
    assert not kiosk.worker.run_once().online
    kiosk.submit(2)
    kiosk.clock.advance(timedelta(hours=2))
    proxy.fault, proxy.cut_after = Fault.CUT_REQUEST, 300
    assert not kiosk.worker.run_once().online
    assert central_copies(platform) == 2
    proxy.fault = Fault.PASS
    kiosk.clock.advance(timedelta(hours=2))
    assert kiosk.worker.run_once().acknowledged == 4
    assert central_copies(platform) == 4


def test_a_slow_answer_times_out_and_is_retried(
    kiosk: Kiosk, platform: Platform, proxy: FaultProxy, tmp_path: Path
) -> None:
    kiosk.submit(1)
    impatient = make_kiosk(kiosk.path, proxy.url, Timeouts(connect=5, read=0.3))
    proxy.fault, proxy.delay = Fault.DELAY_RESPONSE, 1.5
    report = impatient.worker.run_once()
    assert not report.online and report.error is not None and "Timeout" in report.error
    proxy.fault = Fault.PASS
    impatient.clock.advance(timedelta(hours=2))
    assert impatient.worker.run_once().acknowledged == 1
    assert central_copies(platform) == 1


def test_failures_back_off_exponentially_with_jitter_and_reason_recorded(
    kiosk: Kiosk, proxy: FaultProxy
) -> None:
    (application,) = kiosk.submit(1)
    proxy.fault = Fault.REFUSE
    for attempt in range(1, 6):
        assert not kiosk.worker.run_once().online
        attempts, error, due = kiosk.db.execute(
            "SELECT attempts, last_error, next_attempt_at FROM outbox WHERE application_uuid = ?",
            [application.uuid],
        ).fetchone()
        full = 10 * 2 ** (attempt - 1)
        delay = (parse_timestamp(due) - kiosk.clock.now()).total_seconds()
        assert attempts == attempt and error
        assert full / 2 <= delay <= full
        # Before it is due, a cycle does not try it again.
        connections = proxy.connections
        kiosk.clock.advance(timedelta(seconds=full / 2 - 1))
        kiosk.worker.run_once()
        still = kiosk.db.execute(
            "SELECT attempts FROM outbox WHERE application_uuid = ?", [application.uuid]
        ).fetchone()[0]
        assert still == attempt
        assert proxy.connections >= connections
        kiosk.clock.advance(timedelta(seconds=full))


def test_the_backoff_is_capped() -> None:
    policy = BackoffPolicy()
    rng = random.Random(1)
    assert all(1800 <= policy.delay(40, rng).total_seconds() <= 3600 for _ in range(100))


def test_a_restarted_kiosk_resumes_from_the_database(
    kiosk: Kiosk, platform: Platform, proxy: FaultProxy
) -> None:
    kiosk.submit(4)
    proxy.fault = Fault.DROP_RESPONSE
    kiosk.worker.run_once()
    kiosk.db.close()
    proxy.fault = Fault.PASS
    restarted = make_kiosk(kiosk.path, proxy.url)
    restarted.clock.advance(timedelta(hours=2))
    assert restarted.worker.run_once().acknowledged == 4
    assert central_copies(platform) == 4
    # A second connection (the UI's thread) sees the result.
    other = connect(kiosk.path)
    assert (
        int(
            other.execute("SELECT COUNT(*) FROM outbox WHERE acknowledged_at IS NULL").fetchone()[0]
        )
        == 0
    )
    other.close()


def test_an_html_captive_portal_is_not_taken_for_an_answer(kiosk: Kiosk) -> None:
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Portal(BaseHTTPRequestHandler):
        def _page(self) -> None:
            body = b"<html>Please log in to the hotel wifi</html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = _page

        def log_message(self, *args: object) -> None:
            pass

    portal = ThreadingHTTPServer(("127.0.0.1", 0), Portal)
    threading.Thread(target=portal.serve_forever, daemon=True).start()
    kiosk.submit(1)
    kiosk.client.base_url = f"http://127.0.0.1:{portal.server_address[1]}"
    report = kiosk.worker.run_once()
    portal.shutdown()
    assert not report.online and report.error is not None and "captive portal" in report.error
    assert kiosk.pending() == 1


def test_a_revoked_kiosk_keeps_its_applications(kiosk: Kiosk, platform: Platform) -> None:
    from central import kiosk_registry

    kiosk.submit(2)
    with platform.database.transaction() as connection:
        kiosk_registry.revoke(connection, "LQ03", platform.clock.now())
    report = kiosk.worker.run_once()
    assert not report.online and report.error is not None and "kiosk_revoked" in report.error
    assert kiosk.pending() == 2
