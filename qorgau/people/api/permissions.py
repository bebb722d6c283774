from __future__ import annotations

from typing import Any

from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from qorgau.organisations.permissions import Perm
from qorgau.organisations.selectors import user_has_perm_somewhere

_WRITE_ACTIONS = {
    "create",
    "update",
    "partial_update",
    "destroy",
    "add_member",
    "remove_member",
    "change_principal",
    "revoke",
}


class RegistryPermission(BasePermission):
    """403 for a user who holds the permission in no organisation at all (a statistics viewer
    never reaches a person); record-level checks are the gate's, with its 404. A view may name
    other permissions in ``read_perm``, ``change_perm`` and ``create_perm``."""

    def has_permission(self, request: Request, view: Any) -> bool:
        if not request.user or not request.user.is_authenticated:
            return False
        action = getattr(view, "action", None)
        if action == "create":
            perm = getattr(view, "create_perm", Perm.PERSON_CREATE)
        elif action in _WRITE_ACTIONS:
            perm = getattr(view, "change_perm", Perm.PERSON_CHANGE)
        else:
            perm = getattr(view, "read_perm", Perm.PERSON_VIEW)
        return user_has_perm_somewhere(request.user, perm)
