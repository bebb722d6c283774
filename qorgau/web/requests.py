"""Who is asking: the request's user, for the views of every app (one place, not one per app)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse

from qorgau.errors import NotAllowed
from qorgau.organisations.models import User
from qorgau.organisations.permissions import Perm
from qorgau.organisations.selectors import user_has_perm_somewhere


def request_user(request: HttpRequest) -> User:
    """The logged-in user of the request; 403 for anyone else (views are behind
    ``login_required``, so an anonymous visitor never gets this far)."""
    if not isinstance(request.user, User):
        raise NotAllowed
    return request.user


def user_holding(request: HttpRequest, perm: Perm) -> User:
    """The request's user when they hold ``perm`` in at least one organisation; 403 otherwise.
    Which records they may reach is the access gates' question, asked afterwards."""
    user = request_user(request)
    if not user_has_perm_somewhere(user, perm):
        raise NotAllowed
    return user


type View = Callable[..., HttpResponse]


def requires(perm: Perm) -> Callable[[View], View]:
    """A page view for users who hold ``perm`` in at least one organisation: an anonymous
    visitor is sent to log in, a user without it gets 403. The view then takes its user from
    ``request_user(request)``; which records they may reach is the access gates' question.

        @requires(Perm.PERSON_VIEW)
        @require_GET
        def person_detail(request: HttpRequest, public_id: str) -> HttpResponse:
            user = request_user(request)
    """

    def decorate(view: View) -> View:
        @wraps(view)
        def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user_holding(request, perm)
            return view(request, *args, **kwargs)

        return login_required(checked)

    return decorate
