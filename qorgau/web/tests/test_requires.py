"""``@requires(Perm.X)`` on a page view: an anonymous visitor is sent to log in, a user without
the permission anywhere gets 403, a user holding it reaches the view."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from qorgau.organisations.models import User
from qorgau.organisations.permissions import Perm
from qorgau.web.requests import request_user, requires

pytestmark = pytest.mark.django_db


@requires(Perm.PERSON_CHANGE)
def _view(request: HttpRequest, public_id: str) -> HttpResponse:
    return HttpResponse(f"{request_user(request).username} {public_id}")


def _get(user: User | AnonymousUser) -> HttpResponse:
    request = RequestFactory().get("/people/x/")
    request.user = user
    return _view(request, public_id="x")


def test_it_sends_an_anonymous_visitor_to_log_in() -> None:
    response = _get(AnonymousUser())

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next=/people/x/"


def test_it_refuses_a_user_who_holds_the_permission_nowhere(stats: User) -> None:
    with pytest.raises(PermissionDenied):
        _get(stats)


def test_it_lets_a_holder_through_to_the_view(clerk: User) -> None:
    response = _get(clerk)

    assert response.status_code == 200
    assert response.content.decode() == f"{clerk.username} x"


def test_it_keeps_the_views_name_for_the_url_patterns() -> None:
    assert _view.__name__ == "_view"
