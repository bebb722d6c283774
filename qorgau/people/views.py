"""Staff pages of the registry: parse, pass the gate, call one service or selector, render."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from qorgau.audit.services import Reader, access_log_record
from qorgau.errors import NotAllowed
from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Perm
from qorgau.organisations.selectors import (
    acting_organisation,
    user_scope,
)
from qorgau.people import access, errors
from qorgau.people.fields import readable_groups, settable_groups
from qorgau.people.forms import (
    DocumentForm,
    MemberForm,
    MemberFormSet,
    PersonEditForm,
    PersonForm,
    ShareForm,
    StatusForm,
    fields_allowed,
)
from qorgau.people.likely import Likely, likely_matches
from qorgau.people.lists import PERSON_FILTERS, person_filters
from qorgau.people.member_blocks import form_quiet, member_block_added, member_block_next
from qorgau.people.models import Person, Relationship
from qorgau.people.page import PERSON_PAGE_READ, person_page
from qorgau.people.policy import share_agreements
from qorgau.people.selectors import (
    SEARCH_CAP,
    SearchRow,
    person_search,
    search_rows,
)
from qorgau.people.services import documents, households, persons, shares, status
from qorgau.people.services.households import MemberInput
from qorgau.people.services.permissions import refuse_anonymised
from qorgau.people.services.validation import name_warnings
from qorgau.web.pagination import CappedPaginator
from qorgau.web.requests import request_user, requires

PAGE_SIZE = 25
# A search counts its results up to here and no further (ADR 0014).


@requires(Perm.PERSON_VIEW)
@require_GET
def search(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    query = request.GET.get("q", "").strip()[:200]
    # The list filters (``people.lists.PERSON_FILTERS``) narrow a search too; the pages and
    # "Export these" carry them, so that an export holds exactly the people found.
    asked = {name: value for name in PERSON_FILTERS if (value := request.GET.get(name, "")[:20])}
    page = None
    rows: list[SearchRow] = []
    if query:
        hits = person_search(user=user, query=query, filters=person_filters(asked), cap=SEARCH_CAP)
        page = CappedPaginator(hits.ids, PAGE_SIZE, cap=SEARCH_CAP, more=hits.more).get_page(
            request.GET.get("page")
        )
        rows = search_rows(user=user, ids=list(page))
        # The page holds ids until here; from here on, the people they name.
        page.object_list = people = [row.person for row in rows]
        access_log_record(
            reader=Reader.from_request(request),
            action="search",
            object_type="person",
            object_ids=[p.public_id for p in people],
        )
    template = "people/_results.html" if request.headers.get("HX-Request") else "people/search.html"
    params = urlencode({"q": query, **asked})
    context = {"query": query, "page": page, "rows": rows, "search_params": params}
    return render(request, template, context)


@requires(Perm.PERSON_VIEW)
@require_GET
def person_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    user = request_user(request)
    reader = Reader.from_request(request)
    person = access.access_person(reader=reader, public_id=public_id, related=PERSON_PAGE_READ)
    page = person_page(user, person)
    access.members_shown(reader=reader, members=page.members, beside=person)
    access.page_sections_shown(reader=reader, shown=page.shown())
    return render(request, "people/detail.html", page.as_context())


def _shown(request: HttpRequest, person: Person) -> None:
    """Log a read of ``person`` by a page that reached them through a change gate and shows
    them (the edit page, the add-document, add-status and share pages)."""
    access_log_record(
        reader=Reader.from_request(request),
        action="view",
        object_type="person",
        object_ids=[person.public_id],
    )


def _acting_organisation(request: HttpRequest, user: User) -> Organisation:
    """The organisation a registration is made for: the user's only one, or the one chosen."""
    allowed = Organisation.objects.filter(
        pk__in=user_scope(user, Perm.PERSON_CREATE).organisation_ids
    )
    chosen = request.POST.get("organisation") or request.GET.get("organisation")
    organisation = allowed.filter(code=chosen).first() if chosen else None
    if organisation is None:
        organisation = allowed.order_by("name").first()
    if organisation is None:
        raise NotAllowed
    return organisation


@requires(Perm.PERSON_CREATE)
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    organisation = _acting_organisation(request, user)
    # "Add a member" without JavaScript: the same form again with one more member block.
    adding = request.method == "POST" and "add_member" in request.POST
    data, refused = member_block_added(request.POST) if adding else (request.POST or None, "")
    settable = settable_groups(user, organisation=organisation)
    form = PersonForm(data, prefix="principal", settable=settable)
    members = MemberFormSet(data, prefix="members", form_kwargs={"settable": settable})
    if adding:
        form_quiet(form, members, refused)
    submitted = request.method == "POST" and not adding
    if submitted and not fields_allowed(user, form, list(members), organisation=organisation):
        submitted = False
    likely: list[Likely] = []
    if submitted and form.is_valid() and members.is_valid():
        filled = [m for m in members if m.has_changed()]
        principal = form.person_input()
        entries = [MemberInput(principal, Relationship.PRINCIPAL)] + [
            MemberInput(m.member_input(principal=principal), m.cleaned_data["relationship"])
            for m in filled
        ]
        if not request.POST.get("checked_matches"):
            likely = _likely_matches(request, user, entries[0].data)
    if submitted and form.is_valid() and members.is_valid() and not likely:
        # Members may carry the principal's family name: each replacement is told once.
        replaced = list(dict.fromkeys(w for e in entries for w in name_warnings(e.data)))
        try:
            with transaction.atomic():
                if len(entries) == 1:
                    person = persons.person_create(
                        actor=user, organisation=organisation, data=entries[0].data
                    )
                else:
                    household = households.household_register(
                        actor=user, organisation=organisation, members=entries
                    )
                    person = household.members.get(relationship=Relationship.PRINCIPAL)
        except ValidationError as exc:
            _show_errors(exc, form, filled)
        else:
            messages.success(
                request, _("Registered as %(number)s.") % {"number": person.registration_number}
            )
            for warning in replaced:
                messages.warning(request, warning.message)
            return redirect("people:detail", public_id=person.public_id)
    organisations = Organisation.objects.filter(
        pk__in=user_scope(user, Perm.PERSON_CREATE).organisation_ids
    )
    return render(
        request,
        "people/register.html",
        {
            "form": form,
            "members": members,
            "organisation": organisation,
            "organisations": organisations,
            "likely": likely,
        },
    )


@requires(Perm.PERSON_CREATE)
@require_GET
def register_member(request: HttpRequest) -> HttpResponse:
    """One more empty member block for the register page (htmx), at the next formset index, with
    the formset's total updated out of band; past the maximum, only the message why not."""
    index, refused = member_block_next(request.GET)
    settable = settable_groups(
        user=request_user(request),
        organisation=_acting_organisation(request, request_user(request)),
    )
    member = (
        None
        if refused
        else MemberForm(prefix=f"members-{index}", use_required_attribute=False, settable=settable)
    )
    context = {"member": member, "index": index, "total": index + 1, "refused": refused}
    return render(request, "people/_member_added.html", context)


def _likely_matches(request: HttpRequest, user: User, data: persons.PersonInput) -> list[Likely]:
    """Records that may already be this person, shown (and their reading logged) before the
    clerk decides to register anyway."""
    likely = likely_matches(user, data)
    access_log_record(
        reader=Reader.from_request(request),
        action="match",
        object_type="person",
        object_ids=[match.person.public_id for match in likely],
    )
    return likely


def _show_errors(exc: ValidationError, form: PersonForm, filled: list[Any]) -> None:
    if len(filled) == 0:
        form.add_service_errors(exc)
        return
    shown = form.add_service_errors(exc, prefix="members.0.")
    for index, member in enumerate(filled, start=1):
        shown = member.add_service_errors(exc, prefix=f"members.{index}.") or shown
    if not shown:
        form.add_service_errors(exc)


@requires(Perm.PERSON_CHANGE)
@require_http_methods(["GET", "POST"])
def person_edit(request: HttpRequest, public_id: str) -> HttpResponse:
    user = request_user(request)
    person = access.access_person_for_change(user=user, public_id=public_id)
    # An anonymised record offers no change form at all (the service would refuse the save).
    refuse_anonymised([person])
    current = persons.person_input_from(person)
    settable = settable_groups(user, person=person)
    if request.method == "POST":
        form = PersonEditForm(
            request.POST, known_aliases=current.aliases, settable=settable, base=current
        )
        if fields_allowed(user, form, [], person=person) and form.is_valid():
            data = form.person_input()
            replaced = name_warnings(data)
            try:
                persons.person_update(
                    actor=user,
                    person=person,
                    expected_version=form.cleaned_data["version"],
                    data=data,
                )
            except errors.StaleVersionError as exc:
                form.add_error(None, str(exc.message))
            except ValidationError as exc:
                form.add_service_errors(exc)
            else:
                messages.success(request, _("Changes saved."))
                for warning in replaced:
                    messages.warning(request, warning.message)
                return redirect("people:detail", public_id=person.public_id)
    else:
        initial = PersonForm.initial_from(current)
        form = PersonEditForm(initial={**initial, "version": person.version}, settable=settable)
    _shown(request, person)
    return render(request, "people/edit.html", {"form": form, "person": person})


def _add_to_person(
    request: HttpRequest,
    public_id: str,
    form_class: type[forms.Form],
    save: Callable[[User, Person, dict[str, Any]], object],
    title: str,
) -> HttpResponse:
    """A form that adds one record to a person the user may change; the service validates."""
    user = request_user(request)
    person = access.access_person_for_change(user=user, public_id=public_id)
    refuse_anonymised([person])
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            save(user, person, form.cleaned_data)
        except ValidationError as exc:
            for name, problems in exc.error_dict.items():
                form.add_error(name if name in form.fields else None, problems)
        else:
            messages.success(request, _("Saved."))
            return redirect("people:detail", public_id=person.public_id)
    _shown(request, person)
    return render(request, "people/add.html", {"form": form, "person": person, "title": title})


@requires(Perm.PERSON_CHANGE)
@require_http_methods(["GET", "POST"])
def document_add(request: HttpRequest, public_id: str) -> HttpResponse:
    def save(user: User, person: Person, data: dict[str, Any]) -> object:
        return documents.document_add(actor=user, person=person, **data)

    return _add_to_person(request, public_id, DocumentForm, save, _("Add a document"))


@requires(Perm.PERSON_CHANGE)
@require_http_methods(["GET", "POST"])
def status_add(request: HttpRequest, public_id: str) -> HttpResponse:
    def save(user: User, person: Person, data: dict[str, Any]) -> object:
        organisation = _organisation_for(user, Perm.PERSON_CHANGE, person)
        return status.status_period_record(
            actor=user, organisation=organisation, person=person, **data
        )

    return _add_to_person(request, public_id, StatusForm, save, _("Record a legal status"))


def _organisation_for(user: User, perm: Perm, person: Person) -> Organisation:
    organisation = acting_organisation(user, perm, person.registered_by_id)
    if organisation is None:
        raise NotAllowed
    return organisation


@requires(Perm.PERSON_SHARE)
@require_http_methods(["GET", "POST"])
def share_add(request: HttpRequest, public_id: str) -> HttpResponse:
    user = request_user(request)
    person = access.record_or_404(
        access.visible_persons(user, Perm.PERSON_SHARE).select_related("household"),
        public_id,
        "person",
    )
    refuse_anonymised([person])
    readable = readable_groups(user, [person])
    form = ShareForm(request.POST or None, readable=readable)
    form.fields["agreement"].queryset = share_agreements(  # type: ignore[attr-defined]
        person, timezone.localdate()
    )
    if person.household is None:
        del form.fields["whole_household"]
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        whole = data.get("whole_household", False)
        agreement = data["agreement"]
        try:
            shares.share_grant(
                actor=user,
                recipient=agreement.recipient,
                agreement_record=agreement,
                purpose=data["purpose"],
                expires_on=data["expires_on"],
                person=None if whole else person,
                household=person.household if whole else None,
                field_groups=data["field_groups"],
            )
        except ValidationError as exc:
            for name, problems in exc.error_dict.items():
                field = "agreement" if name == "organisation" else name
                form.add_error(field if field in form.fields else None, problems)
        else:
            messages.success(request, _("Shared."))
            return redirect("people:detail", public_id=person.public_id)
    title = _("Share with another organisation")
    _shown(request, person)
    return render(request, "people/add.html", {"form": form, "person": person, "title": title})


@requires(Perm.PERSON_SHARE)
@require_POST
def share_revoke(request: HttpRequest, public_id: str) -> HttpResponse:
    user = request_user(request)
    share = access.access_share_for_change(user=user, public_id=public_id)
    shares.share_revoke(actor=user, share=share)
    messages.success(request, _("The share was revoked."))
    person = (
        share.person
        or share.household.members.filter(  # type: ignore[union-attr]
            relationship=Relationship.PRINCIPAL
        ).first()
    )
    if person is None:
        return redirect("people:search")
    return redirect("people:detail", public_id=person.public_id)
