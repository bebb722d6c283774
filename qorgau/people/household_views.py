"""The household page: its members, and the changes a user who may change the household makes
there (register a new member, add a registered person, take a member out, name another
principal applicant). Each change is one service call with the household's version, so a
change based on a stale page is refused rather than applied over someone else's."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Case, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from qorgau.audit.services import Reader, access_log_record
from qorgau.errors import NotFound
from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Perm
from qorgau.organisations.selectors import acting_organisation
from qorgau.people import access, errors
from qorgau.people.fields import FieldGroup, field_policies, settable_groups
from qorgau.people.forms import (
    HouseholdVersionForm,
    MemberAddForm,
    MemberRegisterForm,
    PrincipalChangeForm,
    fields_allowed,
)
from qorgau.people.models import Household, Person, Relationship
from qorgau.people.page import household_page_sections
from qorgau.people.services import households
from qorgau.people.services.persons import person_input_from
from qorgau.people.services.validation import name_warnings
from qorgau.web.requests import request_user, requires


def _household(request: HttpRequest, public_id: str) -> tuple[User, Household]:
    user = request_user(request)
    return user, access.access_household_for_change(user=user, public_id=public_id)


def _members(user: User, household: Household) -> list[Person]:
    principal_first = Case(When(relationship=Relationship.PRINCIPAL, then=0), default=1)
    return list(
        access.visible_persons(user)
        .filter(household=household)
        .order_by(principal_first, "registration_number")
    )


def _shown(request: HttpRequest, household: Household, members: list[Person]) -> None:
    """Log a read of the household and of the members a page shows: the household pages reach
    it through its change gate, which logs nothing."""
    reader = Reader.from_request(request)
    access_log_record(
        reader=reader, action="view", object_type="household", object_ids=[household.public_id]
    )
    access.members_shown(reader=reader, members=members)


def _principal_form(user: User, household: Household, data: Any = None) -> PrincipalChangeForm:
    changeable = access.visible_persons(user, Perm.PERSON_CHANGE).filter(household=household)
    people = list(
        changeable.exclude(relationship=Relationship.PRINCIPAL).order_by("registration_number")
    )
    policies = field_policies(user, people)
    choices = [
        (
            str(p.public_id),
            f"{p.registration_number} {p.display_name}"
            if policies[p.pk].shows(FieldGroup.IDENTITY)
            else p.registration_number,
        )
        for p in people
    ]
    return PrincipalChangeForm(
        data, members=choices, initial={"version": household.version}, prefix="principal"
    )


def _page(
    request: HttpRequest,
    user: User,
    household: Household,
    *,
    add_form: MemberAddForm | None = None,
    principal_form: PrincipalChangeForm | None = None,
    status: int = 200,
) -> HttpResponse:
    members = _members(user, household)
    _shown(request, household, members)
    changeable = set(
        access.visible_persons(user, Perm.PERSON_CHANGE)
        .filter(household=household)
        .values_list("pk", flat=True)
    )
    context = {
        "household": household,
        "members": members,
        "policies": field_policies(user, members),
        "removable": {m.pk for m in members if m.pk in changeable}
        - {m.pk for m in members if m.relationship == Relationship.PRINCIPAL},
        "principal": next((m for m in members if m.relationship == Relationship.PRINCIPAL), None),
        "add_form": add_form or MemberAddForm(initial={"version": household.version}, prefix="add"),
        "principal_form": principal_form or _principal_form(user, household),
        "forms": [f for f in (add_form, principal_form) if f is not None],
        "sections": household_page_sections(user, household),
    }
    return render(request, "people/household.html", context, status=status)


def _back(household: Household) -> HttpResponse:
    return redirect("people:household", public_id=household.public_id)


def _service_errors(form: forms.Form, exc: ValidationError, rename: dict[str, str]) -> None:
    for name, problems in exc.error_dict.items():
        name = rename.get(name, name)
        form.add_error(name if name in form.fields else None, problems)


@requires(Perm.PERSON_CHANGE)
@require_http_methods(["GET"])
def household_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    user, household = _household(request, public_id)
    return _page(request, user, household)


@requires(Perm.PERSON_CHANGE)
@require_POST
def household_member_add(request: HttpRequest, public_id: str) -> HttpResponse:
    user, household = _household(request, public_id)
    form = MemberAddForm(request.POST, prefix="add")
    if form.is_valid():
        number = form.cleaned_data["registration_number"]
        person = (
            access.visible_persons(user, Perm.PERSON_CHANGE)
            .filter(registration_number=number)
            .first()
        )
        if person is None:
            form.add_error("registration_number", errors.NO_RECORD_TO_ADD % {"number": number})
        else:
            try:
                households.household_member_add(
                    actor=user,
                    household=household,
                    person=person,
                    relationship=form.cleaned_data["relationship"],
                    expected_version=form.cleaned_data["version"],
                )
            except errors.StaleVersionError as exc:
                form.add_error(None, str(exc.message))
            except ValidationError as exc:
                _service_errors(form, exc, {"person": "registration_number"})
            else:
                messages.success(
                    request,
                    _("%(name)s joined the household.") % {"name": person.display_name},
                )
                return _back(household)
    return _page(request, user, household, add_form=form)


@requires(Perm.PERSON_CHANGE)
@require_POST
def household_member_remove(request: HttpRequest, public_id: str, person_id: str) -> HttpResponse:
    user, household = _household(request, public_id)
    person = access.record_or_404(
        access.visible_persons(user, Perm.PERSON_CHANGE).filter(household=household),
        person_id,
        "person",
    )
    form = HouseholdVersionForm(request.POST)
    if not form.is_valid():
        messages.error(request, errors.STALE_VERSION)
        return _back(household)
    try:
        households.household_member_remove(
            actor=user, person=person, expected_version=form.cleaned_data["version"]
        )
    except errors.StaleVersionError as exc:
        messages.error(request, str(exc.message))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("%(name)s is no longer a member of the household; their record is kept.")
            % {"name": person.display_name},
        )
    return _back(household)


@requires(Perm.PERSON_CHANGE)
@require_POST
def household_principal_change(request: HttpRequest, public_id: str) -> HttpResponse:
    user, household = _household(request, public_id)
    form = _principal_form(user, household, request.POST)
    if form.is_valid():
        person = access.record_or_404(
            access.visible_persons(user, Perm.PERSON_CHANGE), form.cleaned_data["person"], "person"
        )
        try:
            households.household_principal_change(
                actor=user,
                household=household,
                person=person,
                former_principal_relationship=form.cleaned_data["former_principal_relationship"],
                expected_version=form.cleaned_data["version"],
            )
        except errors.StaleVersionError as exc:
            form.add_error(None, str(exc.message))
        except ValidationError as exc:
            _service_errors(form, exc, {})
        else:
            messages.success(
                request,
                _("%(name)s is now the principal applicant.") % {"name": person.display_name},
            )
            return _back(household)
    return _page(request, user, household, principal_form=form)


def _organisation_for(user: User, household: Household) -> Organisation:
    """A new member is registered for the household's registrant if the user registers there."""
    organisation = acting_organisation(user, Perm.PERSON_CREATE, household.registered_by_id)
    if organisation is None:
        raise NotFound
    return organisation


@requires(Perm.PERSON_CHANGE)
@require_http_methods(["GET", "POST"])
def household_member_register(request: HttpRequest, public_id: str) -> HttpResponse:
    user, household = _household(request, public_id)
    principal = (
        access.visible_persons(user)
        .filter(household=household, relationship=Relationship.PRINCIPAL)
        .first()
    )
    organisation = _organisation_for(user, household)
    form = MemberRegisterForm(
        request.POST or None,
        initial={"version": household.version},
        settable=settable_groups(user, organisation=organisation),
    )
    allowed = request.method != "POST" or fields_allowed(user, form, [], organisation=organisation)
    if request.method == "POST" and allowed and form.is_valid():
        data = (
            form.member_input(principal=person_input_from(principal))
            if principal is not None
            else form.person_input()
        )
        replaced = name_warnings(data)
        try:
            person = households.household_member_register(
                actor=user,
                organisation=organisation,
                household=household,
                data=data,
                relationship=form.cleaned_data["relationship"],
                expected_version=form.cleaned_data["version"],
            )
        except errors.StaleVersionError as exc:
            form.add_error(None, str(exc.message))
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(
                request,
                _("Registered as %(number)s.") % {"number": person.registration_number},
            )
            for warning in replaced:
                messages.warning(request, warning.message)
            return _back(household)
    _shown(request, household, [principal] if principal else [])
    context = {"form": form, "household": household, "principal": principal}
    return render(request, "people/household_member_new.html", context)
