"""The organisation page and its forms: parse, gate, one service or selector, render."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from qorgau.members import services
from qorgau.members.forms import MemberCreateForm, RoleForm
from qorgau.members.selectors import organisation_page
from qorgau.organisations.access import (
    access_member_for_change,
    access_membership_for_change,
    access_organisation,
    managed_organisations,
)
from qorgau.organisations.models import Organisation
from qorgau.organisations.permissions import Perm
from qorgau.web.requests import request_user, requires


@requires(Perm.ORGANISATION_MANAGE)
@require_GET
def organisation_list(request: HttpRequest) -> HttpResponse:
    """The organisations whose people the user manages."""
    organisations = list(managed_organisations(request_user(request)))
    return render(request, "members/list.html", {"organisations": organisations})


def _page(
    request: HttpRequest,
    organisation: Organisation,
    create: MemberCreateForm | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "page": organisation_page(organisation=organisation),
        "form": create or MemberCreateForm(),
        "role_form": RoleForm(),
    }
    return render(request, "members/detail.html", context, status=status)


@requires(Perm.ORGANISATION_MANAGE)
@require_GET
def organisation_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    organisation = access_organisation(user=request_user(request), public_id=public_id)
    return _page(request, organisation)


@requires(Perm.ORGANISATION_MANAGE)
@require_POST
def member_create(request: HttpRequest, public_id: str) -> HttpResponse:
    user = request_user(request)
    organisation = access_organisation(user=user, public_id=public_id)
    form = MemberCreateForm(request.POST)
    if form.is_valid():
        try:
            created = services.organisation_user_create(
                actor=user, organisation=organisation, **form.cleaned_data
            )
        except ValidationError as exc:  # Invalid too: shown beside the fields
            for name, problems in exc.error_dict.items():
                form.add_error(name if name in form.fields else None, problems)
        else:
            messages.success(
                request, _("User %(name)s was added.") % {"name": created.get_username()}
            )
            return redirect("members:detail", public_id=organisation.public_id)
    return _page(request, organisation, create=form, status=400)


def _back(request: HttpRequest, organisation: Organisation, done: str) -> HttpResponse:
    messages.success(request, done)
    return redirect("members:detail", public_id=organisation.public_id)


def _with_role(
    request: HttpRequest, organisation: Organisation, write: Callable[[str], object], done: str
) -> HttpResponse:
    """Parse the role of the form and hand it to ``write`` (a service); a refused role is
    shown as a message on the page, and nothing is stored."""
    form = RoleForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(list(form.errors["role"]))
        write(form.cleaned_data["role"])
    except ValidationError as exc:  # Invalid too; NotAllowed goes on to the 403 page
        messages.error(request, " ".join(exc.messages))
        return redirect("members:detail", public_id=organisation.public_id)
    return _back(request, organisation, done)


@requires(Perm.ORGANISATION_MANAGE)
@require_POST
def membership_add(request: HttpRequest, public_id: str, user_id: str) -> HttpResponse:
    """Another role for a member of the organisation."""
    user = request_user(request)
    organisation = access_organisation(user=user, public_id=public_id)
    member = access_member_for_change(user=user, organisation=organisation, public_id=user_id)
    return _with_role(
        request,
        organisation,
        lambda role: services.membership_grant(
            actor=user, organisation=organisation, user=member, role=role
        ),
        _("The role was granted."),
    )


@requires(Perm.ORGANISATION_MANAGE)
@require_POST
def membership_change(request: HttpRequest, public_id: str, membership_id: str) -> HttpResponse:
    user = request_user(request)
    organisation = access_organisation(user=user, public_id=public_id)
    membership = access_membership_for_change(
        user=user, organisation=organisation, public_id=membership_id
    )
    return _with_role(
        request,
        organisation,
        lambda role: services.membership_role_change(actor=user, membership=membership, role=role),
        _("The role was changed."),
    )


@requires(Perm.ORGANISATION_MANAGE)
@require_POST
def membership_revoke(request: HttpRequest, public_id: str, membership_id: str) -> HttpResponse:
    user = request_user(request)
    organisation = access_organisation(user=user, public_id=public_id)
    membership = access_membership_for_change(
        user=user, organisation=organisation, public_id=membership_id
    )
    services.membership_revoke(actor=user, membership=membership)
    return _back(request, organisation, _("The role was revoked."))


@requires(Perm.ORGANISATION_MANAGE)
@require_POST
def member_deactivate(request: HttpRequest, public_id: str, user_id: str) -> HttpResponse:
    user = request_user(request)
    organisation = access_organisation(user=user, public_id=public_id)
    member = access_member_for_change(user=user, organisation=organisation, public_id=user_id)
    services.user_deactivate(actor=user, user=member)
    return _back(request, organisation, _("The account was deactivated."))
