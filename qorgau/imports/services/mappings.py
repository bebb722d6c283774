"""Saving a mapping of columns to fields for an organisation."""

from __future__ import annotations

from collections import Counter

from django.db import transaction

from qorgau.errors import Invalid
from qorgau.imports import errors
from qorgau.imports.documents import DOCUMENT_FIELDS, is_documents_mapping
from qorgau.imports.mapping import FIELDS
from qorgau.imports.models import ImportMapping
from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Perm
from qorgau.people.services.permissions import require_perm_in


def mapping_check(columns: dict[str, str]) -> None:
    """A mapping fills the fields of people (``FIELDS``) or, when it maps a document number,
    those of documents (``DOCUMENT_FIELDS``), never both."""
    documents = is_documents_mapping(columns)
    for target in columns.values():
        if target and target not in FIELDS and target not in DOCUMENT_FIELDS:
            raise Invalid(errors.UNKNOWN_FIELD, code="unknown_field", params={"field": target})
        if documents and target and target not in DOCUMENT_FIELDS:
            params = {"field": target}
            raise Invalid(errors.MAPPING_DOCUMENT_FIELD, code="document_field", params=params)
    twice = [f for f, n in Counter(t for t in columns.values() if t).items() if n > 1]
    if twice:
        raise Invalid(errors.MAPPING_FIELD_TWICE, code="field_twice", params={"field": twice[0]})
    if documents:
        if not {"source_id", "document_type"} <= set(columns.values()):
            raise Invalid(errors.MAPPING_NEEDS_DOCUMENT, code="document_fields_required")
        return
    if "given_name" not in columns.values():
        raise Invalid(errors.MAPPING_NEEDS_NAME, code="given_name_required")
    if "source_id" not in columns.values():
        raise Invalid(errors.MAPPING_NEEDS_SOURCE_ID, code="source_id_required")


@transaction.atomic
def mapping_save(
    *, actor: User, organisation: Organisation, name: str, columns: dict[str, str]
) -> ImportMapping:
    """Create or replace the organisation's mapping ``name``; only someone who registers
    people for the organisation may."""
    require_perm_in(actor=actor, perm=Perm.PERSON_CREATE, organisation=organisation)
    name = name.strip()
    if not name:
        raise Invalid(errors.MAPPING_NAME_REQUIRED, code="required")
    columns = {str(k).strip(): str(v).strip() for k, v in columns.items()}
    mapping_check(columns)
    mapping, _created = ImportMapping.objects.update_or_create(
        organisation=organisation,
        name=name,
        defaults={"columns": columns},
        create_defaults={"columns": columns, "created_by": actor},
    )
    return mapping
