"""Permission checks shared by the registry services."""

from __future__ import annotations

from qorgau.errors import NotAllowed
from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Perm
from qorgau.organisations.selectors import user_scope
from qorgau.people import errors


def require_perm_in(*, actor: User, perm: Perm, organisation: Organisation) -> None:
    """Refuse unless ``actor`` holds ``perm`` in ``organisation`` itself."""
    if organisation.pk not in user_scope(actor, perm).organisation_ids:
        raise NotAllowed(errors.NO_PERMISSION, code="no_permission")
