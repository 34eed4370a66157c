"""``POST /applications/batch``: a gzip batch of applications, stored exactly once."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

from central import intake, kiosk_registry, observability
from central.api.deps import KioskDep, Platform, PlatformDep
from central.api.errors import ERROR_RESPONSES
from central.api.request_body import read_body
from central.errors import Refusal
from sync.protocol import SubmitBatch, SubmitResult

router = APIRouter(prefix="/applications", tags=["applications"], responses=ERROR_RESPONSES)


def _inlined(schema: Any, definitions: dict[str, Any]) -> Any:
    """``schema`` with every ``#/$defs/…`` reference replaced by its definition.

    The body is read by hand (it may be gzip), so FastAPI does not list its
    models among the OpenAPI components, where ``$defs`` references would
    point; inlined, the schema stands on its own.
    """
    if isinstance(schema, dict):
        reference = schema.get("$ref", "")
        if reference.startswith("#/$defs/"):
            return _inlined(definitions[reference.removeprefix("#/$defs/")], definitions)
        return {key: _inlined(value, definitions) for key, value in schema.items()}
    if isinstance(schema, list):
        return [_inlined(item, definitions) for item in schema]
    return schema


def _body_schema() -> dict[str, Any]:
    schema = SubmitBatch.model_json_schema()
    definitions = schema.pop("$defs", {})
    return {
        "requestBody": {
            "required": True,
            "description": "A SubmitBatch as JSON, usually with Content-Encoding: gzip",
            "content": {"application/json": {"schema": _inlined(schema, definitions)}},
        }
    }


@router.post("/batch", response_model=SubmitResult, openapi_extra=_body_schema())
async def submit_batch(
    request: Request, context: PlatformDep, kiosk_code: KioskDep
) -> SubmitResult:
    """Store each application of the batch unless its UUID is already stored.

    The answer holds one result per item: stored, already stored (a resend
    after a lost answer), or refused with the reason. Resending the same batch
    any number of times, in any order, leaves exactly one copy of each.
    """
    body = await read_body(request)
    try:
        batch = SubmitBatch.model_validate_json(body)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first.get("loc", ()))
        raise Refusal(
            422, "invalid_batch", f"{where}: {first.get('msg', 'invalid')}".strip(": ")
        ) from error
    return await run_in_threadpool(_store, context, kiosk_code, batch)


def _store(context: Platform, kiosk_code: str, batch: SubmitBatch) -> SubmitResult:
    now = context.clock.now()
    with context.database.transaction() as connection:
        results = intake.store_batch(connection, kiosk_code, list(batch.items), now)
        kiosk_registry.record_contact(connection, kiosk_code, batch.backlog, now)
    observability.count_ingest(results)
    return SubmitResult(results=results)
