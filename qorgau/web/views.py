"""The site's own pages: the start page each user lands on after log-in."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from qorgau.organisations.permissions import Perm
from qorgau.organisations.selectors import user_has_perm_somewhere

# The pages a user may start from, first that the user may open wins; each url name with the
# permission its view checks (people search, registration, duplicates, statistics dashboard).
START_PAGES: tuple[tuple[Perm, str], ...] = (
    (Perm.PERSON_VIEW, "people:search"),
    (Perm.PERSON_CREATE, "people:register"),
    (Perm.PERSON_CHANGE, "identity:review"),
    (Perm.STATISTICS_VIEW, "statistics:dashboard"),
)


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """Send the user to the first page their roles let them open.

    A statistics viewer may not search people, so ``/`` cannot simply be the search page; a user
    whose roles open no page at all is told so instead of meeting a 403.
    """
    for perm, url_name in START_PAGES:
        if user_has_perm_somewhere(request.user, perm):
            return redirect(url_name)
    return render(request, "web/no_access.html")
