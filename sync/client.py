"""The kiosk's view of the central platform's API, one method per endpoint.

Answers are parsed into the protocol models, and anything that is not a
proper answer becomes one of two errors, because the sync code reacts to
them differently:

- :class:`CentralUnavailable`: try again later (no network, timeout, reset,
  5xx, an answer cut short, or a captive portal answering 200 with an HTML
  page or redirecting to one);
- :class:`CentralRefused`: the centre understood and said no (a 4xx with its
  code), which retrying alone will not fix (revoked, bad credential).
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from kiosk.central_address import central_url_problem
from sync.protocol import (
    API_PREFIX,
    AnchorRequest,
    AnchorResponse,
    AttachmentStatus,
    EnrolRequest,
    EnrolResponse,
    ErrorBody,
    FeedbackBatch,
    FeedbackResult,
    FleetSettingsUpdate,
    FormBundle,
    FormBundleList,
    KioskReport,
    StaffList,
    StatusFeed,
    SubmitBatch,
    SubmitResult,
    TrustListUpdate,
    UnlockSecret,
)
from sync.transport import HttpResponse, Transport, TransportError

M = TypeVar("M", bound=BaseModel)


class CentralUnavailable(Exception):
    """No usable answer this time; the reason is for the clerk's screen and the log.

    ``reached`` tells whether the central platform itself answered: a sync
    cycle stops at a link that is down or a captive portal in the way, but
    goes on to its other steps after one bad answer from the centre.
    """

    def __init__(self, reason: str, *, reached: bool = True) -> None:
        super().__init__(reason)
        self.reached = reached


class CentralRefused(Exception):
    """A 4xx answer from the centre, with its stable code."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status = status
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Timeouts:
    """Seconds to connect and to wait between bytes of the answer (2G is slow)."""

    connect: float = 20.0
    read: float = 60.0


@dataclass
class CentralClient:
    """Calls the API at ``base_url`` through ``transport`` with the kiosk's credential."""

    base_url: str
    transport: Transport
    credential: str | None = None
    timeouts: Timeouts = Timeouts()

    def enrol(self, enrolment_code: str, kiosk_public_key: str | None = None) -> EnrolResponse:
        """Exchange a one-time enrolment code for the kiosk's credential."""
        request = EnrolRequest(enrolment_code=enrolment_code, kiosk_public_key=kiosk_public_key)
        body = request.model_dump_json().encode()
        return self._call("POST", "/enrolment", body, EnrolResponse, authenticated=False)

    def submit(self, batch: SubmitBatch) -> SubmitResult:
        """Send a batch gzip-compressed; one result per item."""
        body = gzip.compress(batch.model_dump_json().encode("utf-8"), mtime=0)
        return self._call("POST", "/applications/batch", body, SubmitResult, gzipped=True)

    def forms(self) -> FormBundleList:
        """Every published form version."""
        return self._call("GET", "/forms", None, FormBundleList)

    def form(self, form_id: str, version: int) -> FormBundle:
        """One signed form bundle."""
        return self._call("GET", f"/forms/{form_id}/{version}", None, FormBundle)

    def trust_list(self, after: int) -> TrustListUpdate:
        """The newest signed issuer trust list, if its serial is greater than ``after``."""
        return self._call("GET", f"/trust-list?after={after}", None, TrustListUpdate)

    def fleet_settings(self, after: int) -> FleetSettingsUpdate:
        """The newest signed fleet settings, if their serial is greater than ``after``."""
        return self._call("GET", f"/fleet-settings?after={after}", None, FleetSettingsUpdate)

    def status_updates(self, after: int, limit: int = 200) -> StatusFeed:
        """This kiosk's status changes after the cursor."""
        return self._call("GET", f"/status-updates?after={after}&limit={limit}", None, StatusFeed)

    def send_feedback(self, batch: FeedbackBatch) -> FeedbackResult:
        """Send ratings, complaints and suggestions."""
        return self._call("POST", "/feedback", batch.model_dump_json().encode(), FeedbackResult)

    def staff(self) -> StaffList:
        """The signed staff records for this kiosk."""
        return self._call("GET", "/staff", None, StaffList)

    def anchor(self, request: AnchorRequest) -> AnchorResponse:
        """Send the audit links since the last anchor."""
        body = request.model_dump_json().encode()
        return self._call("POST", "/audit-anchor", body, AnchorResponse)

    def report(self, report: KioskReport) -> KioskReport:
        """Tell the centre this kiosk's software, forms, printer and disk."""
        return self._call("PUT", "/kiosk-report", report.model_dump_json().encode(), KioskReport)

    def store_unlock_secret(self, secret: UnlockSecret) -> UnlockSecret:
        """Hand the centre the secret that will unlock this kiosk after a reboot."""
        body = secret.model_dump_json().encode()
        return self._call("PUT", "/unlock-secret", body, UnlockSecret)

    def unlock_secret(self) -> UnlockSecret:
        """Ask for the unlock secret back (refused once this kiosk is revoked)."""
        return self._call("GET", "/unlock-secret", None, UnlockSecret)

    def attachment_status(self, uuid: str, digest: str) -> AttachmentStatus:
        """How much of a photo the centre holds: where its upload resumes."""
        return self._call(
            "GET", f"/applications/{uuid}/attachments/{digest}", None, AttachmentStatus
        )

    def send_chunk(
        self, uuid: str, digest: str, offset: int, size: int, chunk: bytes
    ) -> AttachmentStatus:
        """Send the bytes of a photo from ``offset``; the answer says where to go on."""
        path = f"/applications/{uuid}/attachments/{digest}?offset={offset}&size={size}"
        return self._call(
            "PUT", path, chunk, AttachmentStatus, content_type="application/octet-stream"
        )

    def get_file(self, path: str, start: int | None = None, end: int | None = None) -> HttpResponse:
        """A file of the update repository as it comes, whatever its status (the caller
        reads it); ``start``/``end`` ask for bytes ``start``–``end`` inclusive of a target.

        Asked without compression, so a range counts the file's own bytes.
        """
        headers = {"Accept-Encoding": "identity"}
        if start is not None:
            headers["Range"] = f"bytes={start}-{'' if end is None else end}"
        return self._send("GET", path, None, headers, authenticated=True)

    def _call(
        self,
        method: str,
        path: str,
        body: bytes | None,
        model: type[M],
        *,
        authenticated: bool = True,
        gzipped: bool = False,
        content_type: str = "application/json",
    ) -> M:
        headers = {"Accept": "application/json", "Accept-Encoding": "gzip"}
        if body is not None:
            headers["Content-Type"] = content_type
        if gzipped:
            headers["Content-Encoding"] = "gzip"
        return _parse(self._send(method, path, body, headers, authenticated), model)

    def _send(
        self,
        method: str,
        path: str,
        body: bytes | None,
        headers: dict[str, str],
        authenticated: bool,
    ) -> HttpResponse:
        if authenticated:
            if self.credential is None:
                raise CentralRefused(401, "not_enrolled", "this kiosk is not enrolled yet")
            headers["Authorization"] = f"Bearer {self.credential}"
        problem = central_url_problem(self.base_url)
        if problem is not None:  # checked at configuration too; here for any other caller
            raise CentralRefused(0, "insecure_url", problem)
        url = self.base_url.rstrip("/") + API_PREFIX + path
        timeout = (self.timeouts.connect, self.timeouts.read)
        try:
            response = self.transport.request(
                method, url, headers=headers, body=body, timeout=timeout
            )
        except TransportError as error:
            raise CentralUnavailable(str(error), reached=False) from error
        return response


def _parse(response: HttpResponse, model: type[M]) -> M:
    if 300 <= response.status < 400:
        raise CentralUnavailable(
            "the network answers but not as the central platform"
            f" (HTTP {response.status} redirect): a captive portal wants a login first"
        )
    if not response.content_type and not response.body:
        raise CentralUnavailable(
            f"the answer (HTTP {response.status}) broke off before its headers were complete",
            reached=False,
        )
    if not response.content_type.startswith("application/json"):
        raise CentralUnavailable(
            "the network answers but not as the central platform"
            f" (HTTP {response.status}, {response.content_type or 'untyped'}, not JSON):"
            " a captive portal or proxy is in the way",
            reached=False,
        )
    if response.status >= 500 or response.status == 429:
        raise CentralUnavailable(f"the central platform answered {response.status}")
    if 400 <= response.status < 500:
        raise _refusal(response)
    try:
        return model.model_validate_json(response.body)
    except ValidationError as error:
        raise CentralUnavailable(f"the answer is not a valid {model.__name__}") from error


def _refusal(response: HttpResponse) -> CentralRefused:
    try:
        error = ErrorBody.model_validate_json(response.body)
    except ValidationError:
        text = response.body[:200].decode("utf-8", "replace")
        return CentralRefused(response.status, f"http_{response.status}", text)
    return CentralRefused(response.status, error.code, error.message)
