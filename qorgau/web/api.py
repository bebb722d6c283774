"""The shared layer of every app's API: who is asking, the permission a viewset's actions need,
the organisation a create request acts for, and the base viewset with the logged, paginated
list. An app's API views derive from ``ApiViewSet``; none imports another app's views."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from django.db.models import Model
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers, viewsets
from rest_framework.exceptions import NotAuthenticated
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response

from qorgau.audit.models import Channel
from qorgau.audit.services import Reader, access_log_record
from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Perm
from qorgau.organisations.selectors import user_has_perm_somewhere, user_scope


def api_user(request: Request) -> User:
    """The authenticated user (``ActionPermission`` has let no one else through)."""
    if not isinstance(request.user, User):
        raise NotAuthenticated
    return request.user


def api_reader(request: Request) -> Reader:
    """Who reads, for the access log: the user, their address, the API channel."""
    return Reader.from_request(request._request, Channel.API)


class ActionPermission(BasePermission):
    """403 for a user who holds the action's permission in no organisation at all (a statistics
    viewer never reaches a person); record-level checks are the gate's, with its 404. The
    viewset names the permissions in ``read_perm``, ``change_perm`` and ``create_perm``, and the
    actions that change records in ``write_actions``."""

    def has_permission(self, request: Request, view: Any) -> bool:
        if not request.user or not request.user.is_authenticated:
            return False
        action = getattr(view, "action", None)
        if action == "create":
            perm = view.create_perm
        elif action in view.write_actions:
            perm = view.change_perm
        else:
            perm = view.read_perm
        return user_has_perm_somewhere(request.user, perm)


class CodeField[M: Model](serializers.SlugRelatedField[M]):
    """A record named by its code. A NUL byte is in no code: PostgreSQL refuses to compare it (a
    server error the API fuzzing found), so such a value is invalid before any query."""

    def to_internal_value(self, data: Any) -> M:
        if isinstance(data, str) and "\x00" in data:
            self.fail("invalid")
        return super().to_internal_value(data)


class ActingOrganisationField(CodeField[Organisation]):
    """The organisation a request acts for: one where the user holds the permission. Defaults
    to the only such organisation; required when the user acts for several."""

    default_error_messages = {
        "ambiguous": _("You work for several organisations: name the one you act for."),
        "not_yours": _("You cannot act for this organisation."),
    }

    def __init__(self, perm: Perm, **kwargs: Any) -> None:
        self.perm = perm
        kwargs.setdefault("required", False)
        super().__init__(slug_field="code", queryset=Organisation.objects.all(), **kwargs)

    def acting(self, value: Organisation | None) -> Organisation:
        user = self.context["request"].user
        allowed = user_scope(user, self.perm).organisation_ids
        if value is None:
            if len(allowed) != 1:
                raise serializers.ValidationError(
                    {str(self.field_name): self.error_messages["ambiguous"]}
                )
            return Organisation.objects.get(pk=next(iter(allowed)))
        if value.pk not in allowed:
            raise serializers.ValidationError(
                {str(self.field_name): self.error_messages["not_yours"]}
            )
        return value


def acting_organisation(
    incoming: serializers.Serializer[Any], value: Organisation | None
) -> Organisation:
    """The organisation a validated create request acts for (its ``organisation`` field)."""
    field = incoming.fields["organisation"]
    assert isinstance(field, ActingOrganisationField)  # noqa: S101 (a programming error)
    return field.acting(value)


class ApiViewSet(viewsets.GenericViewSet[Any]):
    """Records addressed by their opaque ``public_id`` as ``{id}``, behind ``ActionPermission``;
    ``paginated`` lists a page and logs every record read."""

    permission_classes = [ActionPermission]
    lookup_field = "public_id"
    lookup_url_kwarg = "id"
    object_type = "person"
    read_perm: ClassVar[Perm] = Perm.PERSON_VIEW
    change_perm: ClassVar[Perm] = Perm.PERSON_CHANGE
    create_perm: ClassVar[Perm] = Perm.PERSON_CREATE
    write_actions: ClassVar[frozenset[str]] = frozenset(
        {"create", "update", "partial_update", "destroy"}
    )

    def paginated(
        self,
        rows: Any,
        serializer: Any,
        log_ids: Callable[[list[Any]], list[Any]],
        object_type: str = "person",
    ) -> Response:
        """One page of rows, each read logged; ``serializer`` is a serializer class or a
        function from the rows to their data."""
        page = self.paginate_queryset(rows)
        items = list(rows if page is None else page)
        access_log_record(
            reader=api_reader(self.request),
            action="list",
            object_type=object_type,
            object_ids=log_ids(items),
        )
        if isinstance(serializer, type):
            data = serializer(items, many=True, context=self.get_serializer_context()).data
        else:
            data = serializer(items)
        return self.get_paginated_response(data) if page is not None else Response(data)
