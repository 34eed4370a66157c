"""Every benchmark of the project, how to run it, and how to judge its JSON lines.

Each entry names the module (run as ``python -m MODULE``), its arguments for
the full and the short run, what it measures against which baseline, and a
judge that turns its JSON lines into figures with the target the issues set
and a verdict. A judge that cannot find the line it needs says so as a
failed figure: a benchmark that printed nothing never passes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

Line = dict[str, Any]
SWITCH_SLOWDOWN_PCT = 25.0
"""How much slower the soak's last screen switches may be than its first (noise, not decay)."""


@dataclass(frozen=True)
class Verdict:
    """One figure of a benchmark beside its target."""

    figure: str
    target: str
    passed: bool
    issue: int | None = None
    """The issue that set this target, when not the benchmark's own."""

    @classmethod
    def ratio_within_target(cls, figure: str, line: Line, unit: str = "") -> Verdict:
        """The verdict on a line's ``ratio`` against its own ``target_ratio``."""
        return cls(figure, f"≤ {line['target_ratio']}{unit}", line["ratio"] <= line["target_ratio"])


@dataclass(frozen=True)
class Benchmark:
    """How to run one benchmark and judge what it prints."""

    name: str
    issue: int
    """The issue that set its target."""
    module: str
    full_args: tuple[str, ...]
    short_args: tuple[str, ...]
    method: str
    judge: Callable[[Sequence[Line]], list[Verdict]]


class MissingFigures(Exception):
    """The benchmark did not print the line a judge needs."""


def line_named(lines: Sequence[Line], name: str, **matching: object) -> Line:
    """The last line whose ``benchmark`` (or ``bench``) is `name` and which has `matching`."""
    for line in reversed(lines):
        if line.get("benchmark", line.get("bench")) != name:
            continue
        if all(line.get(key) == value for key, value in matching.items()):
            return line
    raise MissingFigures(f"no {name} line {matching or ''} in the output".strip())


def _ratio(
    name: str, ours: str, base: str, ours_label: str, base_label: str
) -> Callable[[Sequence[Line]], list[Verdict]]:
    """A judge for the benchmarks that print bench.report.ratio_line."""

    def judge(lines: Sequence[Line]) -> list[Verdict]:
        line = line_named(lines, name)
        figure = f"{ours_label} {line[ours]} ms vs {base_label} {line[base]} ms: {line['ratio']}×"
        return [Verdict.ratio_within_target(figure, line, "×")]

    return judge


def _durable_submit(lines: Sequence[Line]) -> list[Verdict]:
    verdicts = _ratio(
        "durable_submit", "submit_ms_p50", "raw_insert_ms_p50", "submit", "raw insert"
    )(lines)
    line = line_named(lines, "durable_submit_stored")
    figure = (
        f"with {line['stored']:,} applications stored: submit {line['submit_ms_p50']} ms"
        f" vs raw insert {line['raw_insert_ms_p50']} ms: {line['ratio']}×"
    )
    target = f"≤ {line['target_ratio']}×"
    return [*verdicts, Verdict(figure, target, line["ratio"] <= line["target_ratio"], issue=19)]


def _screen_switch(lines: Sequence[Line]) -> list[Verdict]:
    line = line_named(lines, "screen_switch")
    figure = f"p95 {line['p95_ms']} ms (p50 {line['p50_ms']} ms, {line['switches']} switches)"
    return [
        Verdict(
            figure, f"p95 ≤ {line['target_p95_ms']} ms", line["p95_ms"] <= line["target_p95_ms"]
        )
    ]


def _look_change(lines: Sequence[Line]) -> list[Verdict]:
    line = line_named(lines, "look_change")
    by_change = ", ".join(
        f"{name.replace('_', ' ')} {ms}" for name, ms in line["by_change_cpu_ms_median"].items()
    )
    figure = (
        f"look change {line['look_change_cpu_ms_median']} ms CPU vs restyling a bare window"
        f" of {line['widgets']} widgets {line['bare_restyle_cpu_ms_median']} ms: {line['ratio']}×"
        f" ({by_change}; wall clock {line['look_change_wall_ms_median']} vs"
        f" {line['bare_restyle_wall_ms_median']} ms)"
    )
    return [Verdict.ratio_within_target(figure, line, "×")]


def _qr(lines: Sequence[Line]) -> list[Verdict]:
    from bench.qr_bench import TARGET_P95_MS, TARGET_POINTS

    line = line_named(lines, "qr_decoding")
    rates, camera, costly = line["decode_rate"], line["camera_path"], line["costly_steps"]
    return [
        Verdict(
            f"pipeline {rates['kiosk-pipeline']} % read vs best plain decoder"
            f" ({line['best_plain']}) {rates[line['best_plain']]} %:"
            f" +{line['points_over_best_plain']} points",
            f"≥ +{TARGET_POINTS:g} points",
            line["points_over_best_plain"] >= TARGET_POINTS,
        ),
        Verdict(
            f"{line['pipeline_wrong_payloads']} wrong payloads",
            "0",
            line["pipeline_wrong_payloads"] == 0,
        ),
        Verdict(
            f"camera path p95 {camera['ms_p95']} ms per frame wall clock"
            f" ({camera['cpu_ms_p95']} ms CPU; plain zxing-cpp on the same frames beside it"
            f" {camera['plain_zxing_ms_p95']} ms wall, alone {line['ms_p95']['zxing-cpp']} ms;"
            f" load average {line['load_average']}); costly steps, off the camera path,"
            f" on {costly['frames']} missed frames: p95 {costly['ms_p95']} ms wall"
            f" ({costly['cpu_ms_p95']} ms CPU)",
            f"≤ {TARGET_P95_MS:g} ms",
            camera["ms_p95"] <= TARGET_P95_MS,
        ),
    ]


def _qr_held_out(lines: Sequence[Line]) -> list[Verdict]:
    from bench.qr_bench import TARGET_NON_PLANAR_POINTS

    line = line_named(lines, "qr_decoding")
    verdicts = _qr(lines)
    for group, label in (
        ("non_planar", "non-planar paper"),
        ("combined_level3", "combined level 3"),
    ):
        figures = line["non_planar"][group]
        verdicts.append(
            Verdict(
                f"{label}: pipeline {figures['kiosk-pipeline']} % vs zxing-cpp"
                f" {figures['zxing-cpp']} % of {figures['frames']} frames:"
                f" +{figures['points_over_zxing']} points",
                f"≥ +{TARGET_NON_PLANAR_POINTS:g} points",
                figures["points_over_zxing"] >= TARGET_NON_PLANAR_POINTS,
            )
        )
    return verdicts


def _wire_bytes(lines: Sequence[Line]) -> list[Verdict]:
    line = line_named(lines, "sync_wire_bytes")
    figure = (
        f"{line['ours_bytes_per_submission']} vs OpenRosa {line['openrosa_bytes_per_submission']}"
        f" bytes per submission (batches of {line['batch']}): {line['ratio']}"
        f" (one at a time {line['unbatched_ratio']})"
    )
    return [Verdict.ratio_within_target(figure, line)]


def _sync_2g(lines: Sequence[Line]) -> list[Verdict]:
    line = line_named(lines, "sync_2g")
    figure = (
        f"{line['applications']} applications: {line['seconds']} s vs {line['link_seconds']} s"
        f" of link time ({line['link_kbit_s']:g} kbit/s, {line['rtt_ms']} ms RTT,"
        f" {line['dropped_connections']} connection cut): {line['ratio']}"
    )
    return [Verdict.ratio_within_target(figure, line)]


def _update_2g(lines: Sequence[Line]) -> list[Verdict]:
    line = line_named(lines, "update_2g")
    figure = (
        f"a {line['artefact_bytes'] / 1024**2:.1f} MiB kiosk version: {line['seconds']} s vs"
        f" {line['link_seconds']} s of link time ({line['link_kbit_s']:g} kbit/s,"
        f" {line['rtt_ms']} ms RTT, time compressed ×{line['time_scale']:g}, 1 cut):"
        f" {line['ratio']}"
    )
    resumed = (
        f"resumed at byte {line['resumed_at']}, verified and unpacked"
        f" (bytes carried ÷ artefact: {line['overhead']})"
    )
    return [
        Verdict.ratio_within_target(figure, line),
        Verdict(resumed, "staged after a resume", line["staged"] and line["resumed_at"] > 0),
    ]


def _attachments_2g(lines: Sequence[Line]) -> list[Verdict]:
    line = line_named(lines, "attachments_2g")
    figure = (
        f"{line['applications']} applications, {line['photos']} photos of"
        f" {line['photo_bytes'] // 1000} KB: {line['seconds']} s vs {line['link_seconds']} s"
        f" of link time ({line['link_kbit_s']:g} kbit/s, {line['rtt_ms']} ms RTT, time"
        f" compressed ×{line['time_scale']:g}, {line['connection_cuts']} cut): {line['ratio']}"
    )
    resent = f"{line['resent_bytes']} bytes sent again after the cut"
    return [
        Verdict.ratio_within_target(figure, line),
        Verdict(
            resent,
            f"≤ one chunk ({line['chunk_bytes']} bytes)",
            0 <= line["resent_bytes"] <= line["chunk_bytes"],
        ),
    ]


def _ingest(database: str) -> Callable[[Sequence[Line]], list[Verdict]]:
    def judge(lines: Sequence[Line]) -> list[Verdict]:
        line = line_named(lines, "sync_ingest", database=database)
        rate, target = line["submissions_per_second"], line["target_per_second"]
        figure = f"{rate:,.0f}/s, {line['workers']} workers, {line['submissions']:,} submissions"
        return [Verdict(figure, f"≥ {target:,.0f}/s", rate >= target)]

    return judge


def _soak(lines: Sequence[Line]) -> list[Verdict]:
    from bench.soak import FD_ALLOWANCE, THREAD_ALLOWANCE

    line = line_named(lines, "soak")
    target = line["target_rss_growth_pct"]
    slope_target = line["target_slope_kb_per_application"]
    delivered = line["central_received"] == line["applications"] and not (
        line["central_duplicates"] or line["missing_at_central"]
    )
    return [
        Verdict(
            f"RSS {line['rss_start_mb']} → {line['rss_end_mb']} MB: {line['rss_growth_pct']:+} %"
            f" ({line['applications']} applications; {line['rss_before_mb']} MB before the first)",
            f"≤ {target:g} %",
            line["rss_growth_pct"] <= target,
        ),
        Verdict(
            f"RSS slope {line['rss_slope_kb_per_application']} KB per application"
            f" (least squares after {line['warm_up_applications']} applications of warm-up)",
            f"≤ {slope_target:g} KB per application",
            line["rss_slope_kb_per_application"] <= slope_target,
            issue=19,
        ),
        Verdict(
            f"descriptors {line['fds_start']} → {line['fds_end']},"
            f" threads {line['threads_start']} → {line['threads_end']}",
            f"no growth (beyond {FD_ALLOWANCE} sockets in flight)",
            line["fds_end"] <= line["fds_start"] + FD_ALLOWANCE
            and line["threads_end"] <= line["threads_start"] + THREAD_ALLOWANCE,
        ),
        Verdict(
            f"screen switch p95 {line['switch_p95_start_ms']} → {line['switch_p95_end_ms']} ms",
            f"no slower at the end (≤ +{SWITCH_SLOWDOWN_PCT:g} %)",
            line["switch_p95_end_ms"]
            <= line["switch_p95_start_ms"] * (1 + SWITCH_SLOWDOWN_PCT / 100),
        ),
        Verdict(
            f"screen switch p95 at the end {line['switch_p95_end_ms']} ms",
            f"≤ {line['target_switch_p95_ms']:g} ms",
            line["switch_p95_end_ms"] <= line["target_switch_p95_ms"],
            issue=19,
        ),
        Verdict(
            f"{line['central_received']} at the platform, {line['central_duplicates']} duplicated,"
            f" {line['missing_at_central']} missing; {line['receipts']} receipts",
            "each exactly once, each with a receipt",
            delivered and line["receipts"] == line["applications"],
        ),
    ]


def _crash(lines: Sequence[Line]) -> list[Verdict]:
    line = line_named(lines, "crash_harness")
    bad = {
        key: line[key]
        for key in (
            "lost",
            "duplicated",
            "integrity_failures",
            "audit_failures",
            "lost_drafts",
            "failed_trials",
        )
    }
    figure = (
        f"{line['trials']} trials (seed {line['seed']}), {line['killed']} kills at"
        f" {line['kill_points_covered']} points: "
        + ", ".join(f"{count} {key.replace('_', ' ')}" for key, count in bad.items())
    )
    return [Verdict(figure, "0 lost, 0 duplicated, 0 integrity failures", not any(bad.values()))]


def _link_faults(lines: Sequence[Line]) -> list[Verdict]:
    scenarios = [line for line in lines if line.get("bench") == "link_faults"]
    if not scenarios:
        raise MissingFigures("no link_faults lines in the output")
    return [
        Verdict(
            f"{line['scenario']}: {line['delivered_after_fault']}/{line['applications']} delivered,"
            f" {line['lost']} lost, {line['duplicated']} duplicated",
            "exactly once",
            bool(line["exactly_once"]),
        )
        for line in scenarios
    ]


def _console(lines: Sequence[Line]) -> list[Verdict]:
    line = line_named(lines, "console")
    scale = f"{line['applications']:,} applications"
    by_filter = ", ".join(f"{name} {p95}" for name, p95 in line["queue_ms_p95_by_filter"].items())
    return [
        Verdict(
            f"queue page p95 {line['queue_ms_p95']} ms ({scale}; by filter: {by_filter};"
            f" health {line['health_ms_p95']} ms)",
            f"p95 ≤ {line['queue_target_ms']:g} ms",
            line["queue_ms_p95"] <= line["queue_target_ms"],
        ),
        Verdict(
            f"application page p95 {line['detail_ms_p95']} ms ({scale})",
            f"p95 ≤ {line['detail_target_ms']:g} ms",
            line["detail_ms_p95"] <= line["detail_target_ms"],
        ),
        Verdict(
            f"CSV export {line['export_rows_per_s']:,} rows/s ({line['export_rows']:,} rows),"
            f" RSS growth {line['export_rss_growth_mb']} MB",
            f"≥ {line['export_target_rows_per_s']:,.0f} rows/s, RSS growth"
            f" ≤ {line['export_rss_target_mb']:g} MB",
            line["export_rows_per_s"] >= line["export_target_rows_per_s"]
            and line["export_rss_growth_mb"] <= line["export_rss_target_mb"],
        ),
    ]


def _fleet_load(lines: Sequence[Line]) -> list[Verdict]:
    capacities = [line for line in lines if line.get("benchmark") == "fleet_capacity"]
    fleets = [line for line in lines if line.get("benchmark") == "fleet_scheduled"]
    if not capacities or not fleets:
        raise MissingFigures("fleet_capacity and fleet_scheduled")
    verdicts = []
    for capacity, fleet in zip(capacities, fleets, strict=False):
        processes = capacity["server_processes"]
        verdicts.append(
            Verdict(
                f"{processes} server process(es): capacity {capacity['requests_per_s']:,} req/s"
                f" (p95 {capacity['p95_ms']} ms), {capacity['errors']} errors",
                "0 errors",
                capacity["errors"] == 0,
            )
        )
        verdicts.append(
            Verdict(
                f"{processes} server process(es): {fleet['kiosks']:,} kiosks every"
                f" {fleet['interval_s']:g} s: {fleet['requests_per_s']:,} req/s,"
                f" p95 {fleet['p95_ms']} ms, {fleet['errors']} errors,"
                f" {fleet['late_cycles']} late cycles",
                "0 errors, no cycle late",
                fleet["errors"] == 0 and fleet["late_cycles"] == 0,
            )
        )
    return verdicts


LONG_SOAK_ARGS = ("--applications", "10000", "--sample-every", "500")
"""The soak that tells a plateau from a leak (``bench/run --long-soak``, about an hour)."""

_QR_HELD_OUT = (
    "--summary-only",
    "--corpus",
    "bench/out/qr_heldout",
    "--seed",
    "20261128",
    "--burners",
    "1",
    "--beside-screen-switch",
)

SUITE: tuple[Benchmark, ...] = (
    Benchmark(
        "cold start",
        12,
        "bench.cold_start",
        ("--runs", "7"),
        ("--runs", "3"),
        "The installed `kiosk` command on an initialised data directory, full screen on an"
        " Xvfb of its own (xcb), watched from outside as an X client: launch to its window"
        " mapped, drawn and answering a _NET_WM_PING; the baseline is a bare PySide6 window"
        " (one label) started and watched the same way. Runs alternate.",
        _ratio("cold_start", "kiosk_ms_median", "bare_window_ms_median", "kiosk", "bare window"),
    ),
    Benchmark(
        "durable submit",
        2,
        "bench.submit_bench",
        ("--n", "300"),
        ("--n", "100", "--stored", "2000"),
        "One submit (application, tracking number, audit entry, outbox entry in one"
        " transaction) against a raw INSERT + COMMIT with the same pragmas, alternating;"
        " on an empty database, then on one holding a year of applications (sealed,"
        " audited, acknowledged), the raw table as full.",
        _durable_submit,
    ),
    Benchmark(
        "screen switch",
        2,
        "bench.screen_switch",
        ("--rounds", "3"),
        ("--rounds", "1"),
        "Next pressed to the next question painted, through every sample service in two"
        " languages, offscreen.",
        _screen_switch,
    ),
    Benchmark(
        "look change",
        14,
        "bench.look_change",
        ("--rounds", "10"),
        ("--rounds", "3"),
        "On the start screen of the kiosk with every screen built, offscreen: Large text on,"
        " High contrast on, and the reset to the standard look, each from the tap to the window"
        " repainted (CPU time of the process); against the kiosk's stylesheet set on a bare"
        " window of as many plain labels and buttons and repainted, alternating.",
        _look_change,
    ),
    Benchmark(
        "receipt render",
        5,
        "bench.receipt_bench",
        ("--n", "200"),
        ("--n", "50"),
        "A receipt PDF (80 mm) against a bare reportlab page with the same font and a QR code.",
        _ratio("receipt_render", "receipt_ms_p50", "bare_page_ms_p50", "receipt", "bare page"),
    ),
    Benchmark(
        "QR decoding",
        4,
        "bench.qr_bench",
        ("--summary-only",),
        ("--summary-only",),
        "The kiosk's pipeline and plain pyzbar, zxing-cpp and OpenCV on the same 480"
        " generated webcam frames (fixed seed; 16 families, 4 of them paper that is not flat);"
        " per frame, the camera path replayed at 15 frames a second.",
        _qr,
    ),
    Benchmark(
        "QR decoding, held-out corpus, loaded",
        18,
        "bench.qr_bench",
        _QR_HELD_OUT,
        _QR_HELD_OUT,
        "The same decoders on 480 frames generated with another seed, never tuned on, with"
        " one CPU burner running beside them; the non-planar families against plain zxing-cpp."
        " The camera path (quick step on every frame, costly steps on a second thread taking"
        " the newest missed frame) replayed at 15 frames a second beside the screen-switch"
        " benchmark.",
        _qr_held_out,
    ),
    Benchmark(
        "sync wire bytes",
        3,
        "bench.sync_wire_bytes",
        ("--n", "500"),
        ("--n", "100"),
        "Bytes on the socket per submission against OpenRosa multipart XML for the same answers.",
        _wire_bytes,
    ),
    Benchmark(
        "sync over 2G",
        3,
        "bench.sync_2g",
        ("--n", "1000"),
        ("--n", "100"),
        "Applications sent through a shaping proxy (64 kbit/s, 600 ms RTT, one connection"
        " cut) against the link's own bytes ÷ bandwidth.",
        _sync_2g,
    ),
    Benchmark(
        "document photos over 2G",
        16,
        "bench.attachments_2g",
        ("--n", "1000"),
        ("--n", "10"),
        "Applications with two 250 KB photos each, the photos uploaded in chunks through a"
        " shaping proxy (64 kbit/s, 600 ms RTT, time-compressed ×10, the upload cut once"
        " mid-chunk and resumed) against the link's own bytes ÷ bandwidth.",
        _attachments_2g,
    ),
    Benchmark(
        "kiosk software update over 2G",
        17,
        "bench.update_2g",
        ("--mib", "2"),
        ("--mib", "1"),
        "A signed kiosk version fetched by the kiosk's updater in 256 KiB Range pieces"
        " through a shaping proxy (64 kbit/s, 600 ms RTT, time-compressed ×10, the first"
        " connection cut and the download resumed), verified and unpacked, against the"
        " link's own bytes ÷ bandwidth.",
        _update_2g,
    ),
    Benchmark(
        "central ingest (SQLite)",
        3,
        "bench.sync_ingest",
        ("--database", "sqlite"),
        ("--database", "sqlite", "--n", "4000"),
        "Submissions per second stored by the platform (2 uvicorn workers) on SQLite.",
        _ingest("sqlite"),
    ),
    Benchmark(
        "central ingest (PostgreSQL)",
        3,
        "bench.sync_ingest",
        ("--database", "postgresql"),
        ("--database", "postgresql", "--n", "4000"),
        "The same on a throwaway PostgreSQL server (fsync off: an optimistic figure).",
        _ingest("postgresql"),
    ),
    Benchmark(
        "web console (PostgreSQL)",
        15,
        "bench.console_bench",
        ("--applications", "1000000", "--requests", "200"),
        ("--applications", "100000", "--requests", "60"),
        "An officer signed in through the real pages of a platform on loopback, on a"
        " throwaway PostgreSQL holding a province's applications (20 kiosks, 5 townships, the"
        " sample services): queue pages (default, by service, township, status, overdue, and"
        " deep into the keyset), application pages of random applications, a streamed CSV"
        " export of about 100,000 applications; each time taken at the client (an upper bound"
        " on the server's), the platform's health endpoint as the baseline.",
        _console,
    ),
    Benchmark(
        "soak",
        8,
        "bench.soak",
        ("--applications", "1000", "--sample-every", "100"),
        ("--applications", "30", "--sample-every", "10"),
        "Applications through the real screens offscreen (all three services, three"
        " languages), receipts to PDF, sync to a local platform in a process of its own"
        " (the figures are the kiosk's); memory growth measured"
        " from the first sample, and its slope per application fitted after the first"
        " tenth of the run. `bench/run --long-soak` runs 10,000 applications sampled"
        " every 500 instead: long enough to tell a plateau from a leak (issue 19).",
        _soak,
    ),
    Benchmark(
        "fleet load",
        17,
        "bench.fleet_load",
        (),
        (
            "--kiosks",
            "500",
            "--interval",
            "20",
            "--duration",
            "30",
            "--capacity-seconds",
            "10",
            "--workers",
            "1",
            "2",
        ),
        "Kiosks' sync cycles (batch, forms, trust list, fleet settings, statuses, staff,"
        " audit anchor) from one asyncio client against `kiosk-central serve --workers N`"
        " on PostgreSQL, N = 1, 2, 4: capacity with 64 kiosks cycling back to back, then"
        " 5,000 kiosks each cycling once a minute (five times their real schedule). The"
        " client shares the machine's cores with the servers.",
        _fleet_load,
    ),
    Benchmark(
        "crash harness",
        8,
        "bench.crash_harness",
        ("--trials", "200", "--seed", "20261127"),
        ("--trials", "20", "--seed", "20261127"),
        "The kiosk's submit and sync paths SIGKILLed at random points, restarted and"
        " finished; exactly-once at the platform, drafts, integrity and audit chain checked.",
        _crash,
    ),
    Benchmark(
        "link faults",
        8,
        "bench.link_faults",
        (),
        ("--short",),
        "Sync through loss, latency, bandwidth caps, resets, truncation, stalls, DNS"
        " failure and a captive portal; exactly-once after each.",
        _link_faults,
    ),
)
