"""Permission checks shared by the registry services."""

from __future__ import annotations

from collections.abc import Iterable

from qorgau.errors import NotAllowed
from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Perm
from qorgau.organisations.selectors import user_scope
from qorgau.people import errors
from qorgau.people.models import Person


def require_perm_in(*, actor: User, perm: Perm, organisation: Organisation) -> None:
    """Refuse unless ``actor`` holds ``perm`` in ``organisation`` itself."""
    if organisation.pk not in user_scope(actor, perm).organisation_ids:
        raise NotAllowed(errors.NO_PERMISSION, code="no_permission")


def refuse_anonymised(people: Iterable[Person]) -> None:
    """Refuse any change to a record that was anonymised (an ``Anonymisation`` row of the rights
    app points at it, rights/services/anonymise.py): it stays read-only, so no personal data is
    entered on it again (ADR 0031). Every write service on people calls this itself, so the
    pages, the API and bulk actions all get the same translated refusal."""
    ids = [person.pk for person in people if person.pk is not None]
    if ids and Person.objects.filter(pk__in=ids, anonymisation__isnull=False).exists():
        raise NotAllowed(errors.ANONYMISED_RECORD, code="anonymised_record")
