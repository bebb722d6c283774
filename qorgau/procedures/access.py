"""The only doors to cases.

A case is visible to a user holding ``person.view`` in an organisation that (a) is responsible
for it, (b) is the operating agency's office of the case's country, or (c) was given access to
it by the responsible organisation (working on it, or following it). A share of the person does
not open the person's cases: an NGO sees only the cases it works on or that were shared with it.

A case is re-checked against its subject on every read (issue 13). The organisation that
registered the person or household, and the agency office of its country, always see every case
on it: those are the cases that change its people. Anyone else sees a case through (a), (b) or
(c) only while the case's responsible organisation may change the subject (so the case was opened
by a rightful owner of the record) or while the reader itself may still see the subject. A case
that a share recipient opened before shares became strictly view-only therefore disappears (404,
like any case one may not see) for that recipient the day its share ends or is revoked: a case
page is built around the person, and a case without its person would still say whose it is.

Taking a step needs more: one of the roles the procedure's definition names for that step,
held in an organisation that acts on the case (a, b, or c with ``can_act``). Missing and
not-yours give the same 404.
"""

from __future__ import annotations

from collections import defaultdict
from uuid import UUID

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, F, OuterRef, Q, QuerySet

from qorgau.audit.services import Reader, access_log_record
from qorgau.errors import NotFound
from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Perm
from qorgau.organisations.selectors import user_memberships, user_scope
from qorgau.people.access import (
    record_or_404,
    visible_households,
    visible_persons,
)
from qorgau.procedures.models import Case, CaseAccess


def visible_cases(user: User | AnonymousUser) -> QuerySet[Case]:
    scope = user_scope(user, Perm.PERSON_VIEW)
    if scope.is_empty:
        return Case.objects.none()
    granted = CaseAccess.objects.filter(
        case_id=OuterRef("pk"),
        organisation_id__in=scope.organisation_ids,
        revoked_at__isnull=True,
    )
    owns_subject = (
        Q(person__registered_by_id__in=scope.organisation_ids)
        | Q(person__country_office_id__in=scope.agency_country_ids)
        | Q(household__registered_by_id__in=scope.organisation_ids)
        | Q(household__country_office_id__in=scope.agency_country_ids)
    )
    # The responsible organisation may change the subject: it registered it, or it is the
    # agency office of the subject's country.
    rightful = (
        Q(person__registered_by_id=F("organisation_id"))
        | Q(household__registered_by_id=F("organisation_id"))
        | Q(
            organisation__is_operating_agency=True,
            organisation__country_id=F("country_id"),
        )
    )
    # Asked of each case's own subject (EXISTS by primary key), never as the list of every
    # person the user sees: for the agency's office that list is the whole country's registry
    # (PostgreSQL hashed a million ids for each case list at a million people).
    sees_subject = Q(Exists(visible_persons(user).filter(pk=OuterRef("person_id")))) | Q(
        Exists(visible_households(user).filter(pk=OuterRef("household_id")))
    )
    return Case.objects.filter(
        owns_subject
        | (
            (
                Q(organisation_id__in=scope.organisation_ids)
                | Q(country_id__in=scope.agency_country_ids)
                | Q(Exists(granted))
            )
            & (rightful | sees_subject)
        )
    )


def access_case(*, reader: Reader, public_id: UUID | str) -> Case:
    """A case the reader may see, logging the read; 404 otherwise."""
    case = record_or_404(
        visible_cases(reader.user).select_related(
            "person", "household", "organisation", "country", "assigned_to"
        ),
        public_id,
        "case",
    )
    access_log_record(reader=reader, action="view", object_type="case", object_ids=[case.public_id])
    case_subject_shown(reader=reader, case=case)
    return case


def case_subject_shown(*, reader: Reader, case: Case) -> None:
    """Log the read of what a case page or answer shows of the case's subject: the person (name
    and number), or the household (its number)."""
    if case.person is not None:
        object_type, object_id = "person", case.person.public_id
    elif case.household is not None:
        object_type, object_id = "household", case.household.public_id
    else:
        return
    access_log_record(reader=reader, action="case", object_type=object_type, object_ids=[object_id])


def acting_roles(user: User | AnonymousUser, case: Case) -> dict[Organisation, set[str]]:
    """The roles ``user`` holds in each organisation that acts on ``case``.

    The responsible organisation comes first, so a step is recorded in its name when the user
    acts for it.
    """
    if not user.is_authenticated or not user.is_active:
        return {}
    working = set(
        CaseAccess.objects.filter(case=case, can_act=True, revoked_at__isnull=True).values_list(
            "organisation_id", flat=True
        )
    )
    roles: dict[Organisation, set[str]] = defaultdict(set)
    for membership in user_memberships(user):  # read once a request, as user_scope reads them
        organisation = membership.organisation
        if (
            organisation.pk == case.organisation_id
            or organisation.pk in working
            or (organisation.is_operating_agency and organisation.country_id == case.country_id)
        ):
            roles[organisation].add(membership.role)
    return dict(sorted(roles.items(), key=lambda item: item[0].pk != case.organisation_id))


def access_case_for_step(*, user: User, public_id: UUID | str) -> Case:
    """A case the user may see, to take a step in (the step itself checks the roles); 404
    otherwise. No read is logged: the step is recorded in the case's own history."""
    return record_or_404(visible_cases(user), public_id, "case")


def is_responsible(user: User | AnonymousUser, case: Case) -> bool:
    """Whether the user may manage the case itself (assignment, access of other organisations):
    the responsible organisation, or the agency office of the country, with ``person.change``."""
    scope = user_scope(user, Perm.PERSON_CHANGE)
    return (
        case.organisation_id in scope.organisation_ids
        or case.country_id in scope.agency_country_ids
    )


def _grants_visible(user: User | AnonymousUser) -> QuerySet[CaseAccess]:
    return CaseAccess.objects.filter(case__in=visible_cases(user)).select_related(
        "case", "organisation"
    )


def access_case_grant(*, reader: Reader, public_id: UUID | str) -> CaseAccess:
    """A grant of access to a case the reader may see; 404 otherwise. No read is logged: the
    grant names an organisation and a case, and the case page that lists it logs its own read."""
    return record_or_404(_grants_visible(reader.user), public_id, "case_access")


def access_case_grant_for_change(*, user: User, public_id: UUID | str) -> CaseAccess:
    """A grant of access the user may revoke: on a case the user sees and is responsible for
    (the responsible organisation, or the agency office of the case's country); 404 otherwise,
    as for a missing one (the service asks again)."""
    grant = record_or_404(_grants_visible(user), public_id, "case_access")
    if not is_responsible(user, grant.case):
        raise NotFound().about("case_access", grant.public_id)
    return grant
