"""Permission checks shared by the registry services."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Perm
from qorgau.organisations.selectors import user_scope
from qorgau.people import errors


def require_perm_in(*, actor: User, perm: Perm, organisation: Organisation) -> None:
    """Refuse unless ``actor`` holds ``perm`` in ``organisation`` itself."""
    if organisation.pk not in user_scope(actor, perm).organisation_ids:
        raise PermissionDenied(errors.NO_PERMISSION)
