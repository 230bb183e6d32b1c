"""The OpenAPI schema's share of the generic layer: the error responses every operation gives.

drf-spectacular documents only the success response of an operation. The API also answers
with errors that the generic layer produces the same way everywhere (DRF's authentication,
permissions, `get_object`, serializer validation, pagination, the filter sets, and the
refusals mapped by the exception handler); this postprocessing hook (settings
SPECTACULAR_SETTINGS POSTPROCESSING_HOOKS) adds them to each operation, so that the schema
says what a client can really receive.
"""

from __future__ import annotations

from typing import Any

ERROR_COMPONENT = "Error"

COMPONENTS: dict[str, dict[str, Any]] = {
    "ErrorDetail": {
        "type": "object",
        "description": (
            "A refusal, a permission or a not-found error: a message for the user, and for "
            "a refusal a machine-readable `code` (a refused delete also names the kinds of "
            "`related` records that keep it)."
        ),
        "properties": {
            "detail": {"type": "string"},
            "code": {"type": "string"},
            "related": {"type": "array", "items": {"type": "string"}},
        },
        "required": ["detail"],
        "additionalProperties": False,
    },
    "FieldErrors": {
        "type": "object",
        "description": (
            "Invalid input: each field name maps to its message or messages, "
            "`non_field_errors` to those about the record as a whole."
        ),
        "additionalProperties": {
            "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]
        },
    },
    ERROR_COMPONENT: {
        "anyOf": [
            {"$ref": "#/components/schemas/ErrorDetail"},
            {"$ref": "#/components/schemas/FieldErrors"},
        ]
    },
}

DESCRIPTIONS = {
    "400": "Invalid input: a field, a filter or the record as a whole.",
    "401": "No or invalid credentials.",
    "403": "The caller may see the record but not make this change.",
    "404": "No such record among those the caller may see (or no such page).",
    "409": "Refused by the rules of the record's state, or a delete of a record still referred to.",
}

WRITE_METHODS = {"post", "put", "patch", "delete"}


def error_statuses(method: str, operation: dict[str, Any]) -> list[str]:
    """The error statuses the generic layer gives for one operation."""
    parameters = operation.get("parameters", [])
    statuses = ["401", "403"]
    has_query = any(p.get("in") == "query" for p in parameters)
    if method in ("post", "put", "patch") or has_query:
        statuses.append("400")  # a serializer's or a filter set's validation
    if any(p.get("in") == "path" for p in parameters) or any(
        p.get("in") == "query" and p.get("name") == "page" for p in parameters
    ):
        statuses.append("404")  # get_object() outside the caller's scope, or an invalid page
    if method in WRITE_METHODS:
        statuses.append("409")  # Refused, or a delete blocked by a protecting reference
    return statuses


def add_error_responses(result: dict[str, Any], generator, request, public) -> dict[str, Any]:
    """drf-spectacular postprocessing hook: document the error responses of every operation."""
    result.setdefault("components", {}).setdefault("schemas", {}).update(COMPONENTS)
    content = {"application/json": {"schema": {"$ref": f"#/components/schemas/{ERROR_COMPONENT}"}}}
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            responses = operation.setdefault("responses", {})
            for status in error_statuses(method, operation):
                responses.setdefault(
                    status, {"description": DESCRIPTIONS[status], "content": content}
                )
    return result
