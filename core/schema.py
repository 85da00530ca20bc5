"""The error answers of CONTRACT.md in the OpenAPI schema, for every operation.

drf-spectacular documents what a view answers when all goes well; the refusals come from
``core.api.exception_handler`` for every view alike, so they are added here once."""

from __future__ import annotations

from typing import Any

FIELD_ERRORS = {
    "type": "object",
    "description": "Bad input, by field: what to correct, in the request's language.",
    "properties": {
        "errors": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
    },
    "required": ["errors"],
}
ROW_ERRORS = {
    "type": "object",
    "description": "Bad lines of an uploaded file (row 0: the file as a whole); nothing was imported. "
    "At most 100 lines are named, then one line says how many more have errors; error_rows is the count.",
    "properties": {
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"row": {"type": "integer"}, "message": {"type": "string"}},
                "required": ["row", "message"],
            },
        },
        "error_rows": {"type": "integer"},
    },
    "required": ["errors"],
}
DETAIL = {
    "type": "object",
    "description": "Why the request was refused, in the request's language.",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}

COMPONENTS = {"FieldErrors": FIELD_ERRORS, "RowErrors": ROW_ERRORS, "Detail": DETAIL}


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def add_error_responses(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    """Postprocessing hook: 400/401/403/404/409/413/415 in the contract's shapes."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas.update(COMPONENTS)
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            responses = operation.setdefault("responses", {})
            bad_input = _ref("FieldErrors")
            if "400" in responses:
                # A view's own 400 (the import's rows) or any field error.
                own = responses["400"]["content"]["application/json"]["schema"]
                bad_input = {"oneOf": [own, _ref("FieldErrors")]}
            responses["400"] = _json(bad_input, "Bad input: a message a person can act on.")
            if operation.get("security") != [{}]:
                responses.setdefault("401", _json(_ref("Detail"), "Not logged in."))
            responses.setdefault("403", _json(_ref("Detail"), "The role may not do this."))
            if "{" in path:
                responses.setdefault("404", _json(_ref("Detail"), "No such case, or one the caller may not see."))
            if method != "get":
                conflict = "Not possible in the case's current state, or someone else changed it first."
                responses.setdefault("409", _json(_ref("Detail"), conflict))
                responses.setdefault("413", _json(_ref("FieldErrors"), "The request body is too large."))
                responses.setdefault("415", _json(_ref("Detail"), "The body is not JSON (or the upload's type)."))
    return result
