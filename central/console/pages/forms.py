"""Forms: upload a definition, see its problems or a preview and a comparison, publish in stages.

Only administrators reach these pages. A definition is checked by the
kiosk's own loader when uploaded, so nothing a kiosk would refuse is ever
signed; publishing asks for the passphrase that unlocks the signing key for
that one request.
"""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import UploadFile

from central import form_drafts, form_registry
from central.console.access import AdministratorDep, ConsoleRefusal, FormDep, Staff
from central.console.i18n import N_
from central.console.pages.page import redirect, staff_page
from central.errors import Refusal
from central.form_drafts import MAX_DEFINITION_BYTES, Rollout
from central.signing_key_store import has_signing_key, unlock_signing_key

router = APIRouter()


def _list(text: object) -> tuple[str, ...]:
    parts = str(text or "").replace("，", ",").split(",")
    return tuple(part.strip() for part in parts if part.strip())[:200]


@router.get("/forms", response_class=HTMLResponse)
def forms(person: AdministratorDep) -> Response:
    """Every published version, its rollout, and the upload form."""
    with person.platform.database.transaction() as connection:
        rows = connection.query(
            "SELECT form_id, version, published_at, retired_at, rollout FROM forms"
            " ORDER BY form_id, version DESC"
        )
        can_publish = has_signing_key(connection)
    versions = [
        {
            "form_id": str(row[0]),
            "version": int(row[1]),
            "published_at": str(row[2]),
            "retired": row[3] is not None,
            "rollout": None if row[4] is None else form_drafts.stored_rollout(row[4]),
        }
        for row in rows
    ]
    values = {"versions": versions, "can_publish": can_publish, "problems": [], "source": ""}
    return staff_page(person, "forms.html", values)


async def uploaded_bytes(form: FormDep) -> tuple[bytes, str]:
    """The file posted as ``definition`` (at most 1 MiB) and its name."""
    upload = form.get("definition")
    if isinstance(upload, UploadFile):
        raw = await upload.read(MAX_DEFINITION_BYTES + 1)
        name = upload.filename or "upload.json"
    else:
        raw, name = str(upload or "").encode("utf-8"), "upload.json"
    if len(raw) > MAX_DEFINITION_BYTES:
        raise ConsoleRefusal(413, N_("The file is larger than 1 MiB."))
    return raw, name


def as_text(raw: bytes) -> str:
    """An uploaded file's UTF-8 text (a byte order mark is allowed)."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ConsoleRefusal(400, N_("The file is not UTF-8 text.")) from error


@router.post("/forms/upload", response_class=HTMLResponse)
async def upload(person: AdministratorDep, form: FormDep) -> Response:
    """Check an uploaded definition (JSON or XLSForm); keep it as a draft when it loads."""
    raw, name = await uploaded_bytes(form)
    if name.lower().endswith(".xlsx"):
        checked, text = form_drafts.check_xlsform(raw, name)
    else:
        text = as_text(raw)
        checked = form_drafts.check_definition(text, name)
    if checked.form is None:
        person.audit("form.upload_refused", name, {"problems": len(checked.problems)})
        values = {
            "versions": [],
            "can_publish": False,
            "problems": checked.problems,
            "source": name,
        }
        return staff_page(person, "forms.html", values, 422)
    with person.platform.database.transaction() as connection:
        draft_id = form_drafts.save_draft(
            connection, checked.form, text, person.account.username, person.now
        )
    person.audit("form.upload", f"{checked.form.id} v{checked.form.version}", {"draft": draft_id})
    return redirect(f"forms/drafts/{draft_id}")


@router.get("/forms/drafts/{draft_id}", response_class=HTMLResponse)
def draft(person: AdministratorDep, draft_id: int) -> Response:
    """Preview every question in each language with its rules, and what changed."""
    with person.platform.database.transaction() as connection:
        try:
            found = form_drafts.find_draft(connection, draft_id)
        except Refusal as missing:
            raise ConsoleRefusal(404, N_("There is no such draft.")) from missing
        current = form_drafts.in_use(connection, found.form_id)
        can_publish = has_signing_key(connection)
    checked = form_drafts.check_definition(found.text, f"draft {draft_id}")
    assert checked.form is not None  # only definitions that load are kept
    values = {
        "draft": found,
        "form": checked.form,
        "current": current,
        "diff": form_drafts.compare(current, checked.form),
        "can_publish": can_publish,
    }
    return staff_page(person, "form_draft.html", values)


_PUBLISH_PROBLEMS = {
    "wrong_passphrase": N_("The passphrase does not unlock the signing key."),
    "no_signing_key": N_("No signing key is stored for the console yet."),
    "version_exists": N_("This version is already published with other content."),
}


def _publish_draft(
    person: Staff, draft_id: int, passphrase: str, rollout: Rollout
) -> form_registry.PublishOutcome:
    """Unlock the key, sign and publish in one transaction; a refusal changes nothing."""
    with person.platform.database.transaction() as connection:
        found = form_drafts.find_draft(connection, draft_id)
        key = unlock_signing_key(connection, passphrase)
        checked = form_drafts.check_definition(found.text, f"draft {draft_id}")
        assert checked.form is not None  # only definitions that load are kept
        outcome = form_registry.publish(connection, checked.form, checked.data, key, person.now)
        if outcome.created:
            form_drafts.set_rollout(connection, outcome.form_id, outcome.version, rollout)
        return outcome


@router.post("/forms/drafts/{draft_id}/publish")
def publish(person: AdministratorDep, form: FormDep, draft_id: int) -> Response:
    """Sign and publish a draft, to everyone or to the chosen townships and kiosks first."""
    rollout = Rollout(townships=_list(form.get("townships")), kiosks=_list(form.get("kiosks")))
    passphrase = str(form.get("passphrase", ""))
    try:
        outcome = _publish_draft(person, draft_id, passphrase, rollout)
    except Refusal as refused:
        person.audit("form.publish_refused", str(draft_id), {"reason": refused.code})
        message = _PUBLISH_PROBLEMS.get(refused.code, N_("There is no such draft."))
        raise ConsoleRefusal(refused.status, message) from refused
    detail: dict[str, object] = {
        "townships": list(rollout.townships),
        "kiosks": list(rollout.kiosks),
    }
    person.audit("form.publish", f"{outcome.form_id} v{outcome.version}", detail)
    return redirect("forms")


@router.post("/forms/{form_id}/{version}/rollout")
def widen(person: AdministratorDep, form: FormDep, form_id: str, version: int) -> Response:
    """Widen a staged rollout to everyone, or withdraw the version (retire it)."""
    action = str(form.get("action", ""))
    with person.platform.database.transaction() as connection:
        try:
            if action == "everyone":
                form_drafts.set_rollout(connection, form_id[:64], version, Rollout())
            elif action == "withdraw":
                form_registry.retire(connection, form_id[:64], version, person.now)
            else:
                raise ConsoleRefusal(400, N_("Choose to widen or to withdraw."))
        except Refusal as refused:
            raise ConsoleRefusal(404, N_("There is no such form version.")) from refused
    person.audit(f"form.{action}", f"{form_id[:64]} v{version}")
    return redirect("forms")
