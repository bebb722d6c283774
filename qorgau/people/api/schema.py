"""The OpenAPI schema's note of the field policy: a person's fields of a group the reader's
role may not read are left out of a response (``people/fields.py``), so the schema must not
call them required."""

from __future__ import annotations

from typing import Any

from qorgau.people.fields import PERSON_API_FIELDS

OPTIONAL_BY_POLICY = {name for names in PERSON_API_FIELDS.values() for name in names}


def field_policy_hook(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """drf-spectacular post-processing hook: the policy's fields of ``PersonOut`` are optional
    (a household's members are a free-form list of objects already)."""
    schemas = result.get("components", {}).get("schemas", {})
    person = schemas.get("PersonOut", {})
    if "required" in person:
        person["required"] = [n for n in person["required"] if n not in OPTIONAL_BY_POLICY]
    return result
