"""The site's addresses and one page that lets a domain error through, for the tests of the
refusal page (no product page does so today: each shows its refusals on its own form)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import path

from qorgau.config.urls import urlpatterns as site
from qorgau.organisations.permissions import Perm
from qorgau.people.errors import StaleVersionError
from qorgau.web.requests import requires


@requires(Perm.PERSON_VIEW)
def refuses(request: HttpRequest) -> HttpResponse:
    raise StaleVersionError(current_version=2)


urlpatterns = [path("refuses/", refuses), *site]
