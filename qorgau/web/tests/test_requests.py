"""The request's user for every app's views (``web/requests.py``)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory

from qorgau.organisations.models import User
from qorgau.organisations.permissions import Perm
from qorgau.web.requests import request_user, user_holding

pytestmark = pytest.mark.django_db


def _request(user: User | AnonymousUser) -> object:
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_anonymous_is_refused() -> None:
    with pytest.raises(PermissionDenied):
        request_user(_request(AnonymousUser()))  # type: ignore[arg-type]
    with pytest.raises(PermissionDenied):
        user_holding(_request(AnonymousUser()), Perm.PERSON_VIEW)  # type: ignore[arg-type]


def test_a_user_is_refused_a_permission_held_nowhere(clerk: User, stats: User) -> None:
    assert user_holding(_request(clerk), Perm.PERSON_VIEW) == clerk  # type: ignore[arg-type]
    with pytest.raises(PermissionDenied):
        user_holding(_request(stats), Perm.PERSON_CHANGE)  # type: ignore[arg-type]
