"""Lists and searches return exactly what each persona may see, and every read is logged.

People are registered by the agency's KAZ office, NGO A, NGO B, the Migration Service and the
agency's KGZ office; some are shared (active, expired, revoked). Each person has one document
and one status period, so the documents and status periods a persona sees belong to exactly
the people it sees.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import pytest
import time_machine
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from qorgau.audit.models import AccessLog, Channel
from qorgau.audit.terms import logged_path
from qorgau.organisations.models import Organisation, OrganisationType, User
from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import organisation_make, user_make
from qorgau.people.models import DocumentType, LegalStatus, Person, Relationship, Sex
from qorgau.people.services.documents import document_add
from qorgau.people.services.households import MemberInput, household_register
from qorgau.people.services.persons import person_create
from qorgau.people.services.shares import share_revoke
from qorgau.people.services.status import status_period_record
from qorgau.people.tests.factories import person_input, share_grant_agreed

pytestmark = pytest.mark.django_db

ANONYMOUS = "anonymous"
FAMILY_NAME = "Сейтқазиев"  # everyone's, from the factory
KAZ_PEOPLE = frozenset(
    {
        "agency",
        "ngo_a_principal",
        "ngo_a_child",
        "ngo_a_shared_b",
        "ngo_a_expired_b",
        "ngo_a_revoked_b",
        "ngo_b_principal",
        "ngo_b_son",
        "government",
    }
)
KGZ_PEOPLE = frozenset({"kgz_principal", "kgz_wife", "kgz_shared_b"})
EXPECTED_PEOPLE = {
    "clerk": KAZ_PEOPLE,
    "ngo_a": frozenset(
        {"ngo_a_principal", "ngo_a_child", "ngo_a_shared_b", "ngo_a_expired_b", "ngo_a_revoked_b"}
    ),
    # Own household, NGO A's active share, and the KGZ office's share across the border.
    "ngo_b": frozenset({"ngo_b_principal", "ngo_b_son", "ngo_a_shared_b", "kgz_shared_b"}),
    # Own registration, and NGO A's household shared with the Migration Service.
    "liaison": frozenset({"government", "ngo_a_principal", "ngo_a_child"}),
    "gov_clerk": frozenset({"government", "ngo_a_principal", "ngo_a_child"}),
    "kgz": KGZ_PEOPLE,
}
EXPECTED_HOUSEHOLDS = {
    "clerk": frozenset({"h_ngo_a", "h_ngo_b"}),
    "ngo_a": frozenset({"h_ngo_a"}),
    "ngo_b": frozenset({"h_ngo_b"}),
    "liaison": frozenset({"h_ngo_a"}),
    "gov_clerk": frozenset({"h_ngo_a"}),
    "kgz": frozenset({"h_kgz"}),
}
# Documents: a share lets its recipient read no documents (the field policy's default scope
# of a share, people/fields.py), so each persona reads those of the people it holds only.
EXPECTED_DOCUMENTS = {
    **EXPECTED_PEOPLE,
    "ngo_b": frozenset({"ngo_b_principal", "ngo_b_son"}),
    "liaison": frozenset({"government"}),
    "gov_clerk": frozenset({"government"}),
}
READERS = tuple(EXPECTED_PEOPLE)
NO_READERS = ("stats", ANONYMOUS)


@pytest.fixture(autouse=True)
def _no_static_scan(settings: Any) -> None:
    """WhiteNoise scans every static file whenever a test client starts."""
    settings.WHITENOISE_AUTOREFRESH = True


# --- the registry ------------------------------------------------------------------------


@dataclass
class World:
    users: dict[str, User | None]
    people: dict[str, Person]
    households: dict[str, str]  # label → public id
    documents: dict[str, str]  # document public id → person label
    periods: dict[str, str]  # status period public id → person label

    def label(self, public_id: str) -> str:
        """The label of any record's public id (unknown ids stay as they are, to show up)."""
        for label, person in self.people.items():
            if str(person.public_id) == public_id:
                return label
        for label, household_id in self.households.items():
            if household_id == public_id:
                return label
        return self.documents.get(public_id) or self.periods.get(public_id) or public_id

    def person_id(self, label: str) -> str:
        return str(self.people[label].public_id)


def _name(label: str) -> str:
    return label.replace("_", " ").title()


def _noon(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12), tzinfo=timezone.get_current_timezone())


def _build_world() -> World:
    agency = organisation_make("agency-kaz", OrganisationType.UN_AGENCY, agency=True)
    agency_kgz = organisation_make("agency-kgz", OrganisationType.UN_AGENCY, "KGZ", agency=True)
    ngo_a_org = organisation_make("ngo-a", OrganisationType.NGO)
    ngo_b_org = organisation_make("ngo-b", OrganisationType.NGO)
    government = organisation_make("migration-service", OrganisationType.GOVERNMENT)
    users: dict[str, User | None] = {
        "clerk": user_make("clerk", agency, Role.REGISTRATION_CLERK),
        "ngo_a": user_make("ngo-a-caseworker", ngo_a_org, Role.PARTNER_CASEWORKER),
        "ngo_b": user_make("ngo-b-caseworker", ngo_b_org, Role.PARTNER_CASEWORKER),
        "liaison": user_make("liaison", government, Role.GOVERNMENT_LIAISON),
        "gov_clerk": user_make("gov-clerk", government, Role.REGISTRATION_CLERK),
        "kgz": user_make("kgz-clerk", agency_kgz, Role.REGISTRATION_CLERK),
        "stats": user_make("stats", agency, Role.STATISTICS_VIEWER),
        ANONYMOUS: None,
    }
    registrant = {
        agency: users["clerk"],
        ngo_a_org: users["ngo_a"],
        ngo_b_org: users["ngo_b"],
        government: users["gov_clerk"],
        agency_kgz: users["kgz"],
    }
    people: dict[str, Person] = {}
    households: dict[str, str] = {}

    def single(label: str, organisation: Organisation) -> None:
        people[label] = person_create(
            actor=registrant[organisation],
            organisation=organisation,
            data=person_input(given_name=_name(label)),
        )

    def household(label: str, organisation: Organisation, principal: str, other: str) -> None:
        relationship = Relationship.WIFE if other.endswith("wife") else Relationship.SON
        registered = household_register(
            actor=registrant[organisation],
            organisation=organisation,
            members=[
                MemberInput(person_input(given_name=_name(principal)), Relationship.PRINCIPAL),
                MemberInput(person_input(given_name=_name(other), sex=Sex.FEMALE), relationship),
            ],
        )
        households[label] = str(registered.public_id)
        people[principal] = registered.members.get(relationship=Relationship.PRINCIPAL)
        people[other] = registered.members.get(relationship=relationship)

    single("agency", agency)
    household("h_ngo_a", ngo_a_org, "ngo_a_principal", "ngo_a_child")
    for label in ("ngo_a_shared_b", "ngo_a_expired_b", "ngo_a_revoked_b"):
        single(label, ngo_a_org)
    household("h_ngo_b", ngo_b_org, "ngo_b_principal", "ngo_b_son")
    single("government", government)
    household("h_kgz", agency_kgz, "kgz_principal", "kgz_wife")
    single("kgz_shared_b", agency_kgz)
    people = {label: Person.objects.get(pk=p.pk) for label, p in people.items()}

    documents: dict[str, str] = {}
    periods: dict[str, str] = {}
    for number, (label, person) in enumerate(sorted(people.items())):
        actor = registrant[person.registered_by]
        document = document_add(
            actor=actor,
            person=person,
            type=DocumentType.STATELESS_CERTIFICATE,
            number=f"SC {number:07d}",
        )
        documents[str(document.public_id)] = label
        period = status_period_record(
            actor=actor,
            organisation=person.registered_by,
            person=person,
            status=LegalStatus.STATELESS,
            effective_from=dt.date(2024, 1, 10),
        )
        periods[str(period.public_id)] = label

    _share_all(people, ngo_a_org, ngo_b_org, government, agency_kgz)
    return World(users, people, households, documents, periods)


def _share_all(people, ngo_a_org, ngo_b_org, government, agency_kgz) -> None:
    """Partner caseworkers and clerks may not share: an NGO A administrator and a protection
    officer of the KGZ office do."""
    ngo_a_admin = user_make("ngo-a-admin", ngo_a_org, Role.ADMINISTRATOR)
    kgz_officer = user_make("kgz-officer", agency_kgz, Role.PROTECTION_OFFICER)
    today = timezone.localdate()
    terms = {"agreement": "DTA 2024/07", "purpose": "Legal counselling"}
    until = today + dt.timedelta(days=30)

    share_grant_agreed(
        actor=ngo_a_admin,
        recipient=ngo_b_org,
        person=people["ngo_a_shared_b"],
        expires_on=until,
        **terms,
    )
    share_grant_agreed(
        actor=ngo_a_admin,
        recipient=government,
        household=people["ngo_a_principal"].household,
        expires_on=until,
        **terms,
    )
    share_grant_agreed(
        actor=kgz_officer,
        recipient=ngo_b_org,
        person=people["kgz_shared_b"],
        expires_on=until,
        **terms,
    )
    revoked = share_grant_agreed(
        actor=ngo_a_admin,
        recipient=ngo_b_org,
        person=people["ngo_a_revoked_b"],
        expires_on=until,
        **terms,
    )
    share_revoke(actor=ngo_a_admin, share=revoked)
    # Granted ten days ago, expired yesterday.
    with time_machine.travel(_noon(today - dt.timedelta(days=10))):
        share_grant_agreed(
            actor=ngo_a_admin,
            recipient=ngo_b_org,
            person=people["ngo_a_expired_b"],
            expires_on=today - dt.timedelta(days=1),
            **terms,
        )


@pytest.fixture(scope="module")
def _module_world(django_db_setup: None, django_db_blocker: Any) -> Iterator[World]:
    """Built once per module in a transaction rolled back at its end; every test runs in a
    savepoint inside it (pytest-django's ``db``), so tests still cannot see each other."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield _build_world()
        transaction.set_rollback(True)


@pytest.fixture
def world(_module_world: World, db: None) -> World:
    return _module_world


# --- lists -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Listing:
    id: str
    url: str
    expected: dict[str, frozenset[str]]


def _all(name: str, **query: Any) -> str:
    return f"{reverse(name)}?{urlencode({'limit': 1000, **query})}"


LISTINGS = [
    Listing("persons", _all("person-list"), EXPECTED_PEOPLE),
    Listing("persons-search", _all("person-list", search=FAMILY_NAME), EXPECTED_PEOPLE),
    Listing("households", _all("household-list"), EXPECTED_HOUSEHOLDS),
    Listing("documents", _all("document-list"), EXPECTED_DOCUMENTS),
    Listing("status-periods", _all("status-period-list"), EXPECTED_PEOPLE),
]
# Percent-encoded, as browsers send it.
WEB_SEARCH = f"{reverse('people:search')}?{urlencode({'q': FAMILY_NAME})}"
_REGISTRATION_LINK = re.compile(r">([A-Z]{3}-\d{2}-\d{6})</a>")


def _listed(response: Any, world: World) -> set[str]:
    assert response.status_code == 200, response.content[:300]
    body = response.json()
    assert body["count"] == len(body["results"])
    return {world.label(row["id"]) for row in body["results"]}


@pytest.mark.parametrize("persona", READERS)
@pytest.mark.parametrize("listing", LISTINGS, ids=[listing.id for listing in LISTINGS])
def test_it_lists_exactly_the_records_a_persona_may_see(listing, persona, world, login):
    response = login(world.users[persona]).get(listing.url)

    assert _listed(response, world) == listing.expected[persona]


@pytest.mark.parametrize("persona", READERS)
def test_it_finds_on_the_search_page_exactly_the_people_a_persona_may_see(persona, world, login):
    response = login(world.users[persona]).get(WEB_SEARCH)

    assert response.status_code == 200
    expected = {world.people[label].registration_number for label in EXPECTED_PEOPLE[persona]}
    assert set(_REGISTRATION_LINK.findall(response.content.decode())) == expected
    assert {p.registration_number for p in response.context["page"]} == expected


@pytest.mark.parametrize(
    ("persona", "code"), [("stats", 403), (ANONYMOUS, 401)], ids=["stats", ANONYMOUS]
)
@pytest.mark.parametrize("listing", LISTINGS, ids=[listing.id for listing in LISTINGS])
def test_it_refuses_every_list_to_who_may_see_no_person(listing, persona, code, world, login):
    response = login(world.users[persona]).get(listing.url)

    assert response.status_code == code
    assert "results" not in response.content.decode()


@pytest.mark.parametrize("persona", NO_READERS)
def test_it_refuses_the_search_page_to_who_may_see_no_person(persona, world, login):
    response = login(world.users[persona]).get(WEB_SEARCH)

    assert response.status_code == (403 if persona == "stats" else 302)
    assert FAMILY_NAME not in response.content.decode()


@pytest.mark.parametrize("endpoint", ["document-list", "status-period-list"])
@pytest.mark.parametrize(
    ("persona", "label"),
    [("ngo_b", "ngo_a_principal"), ("kgz", "agency"), ("ngo_b", "ngo_a_revoked_b")],
    ids=["ngo_b-ngo_a", "kgz-kaz", "ngo_b-revoked"],
)
def test_it_lists_nothing_for_a_person_filter_outside_the_scope(
    endpoint, persona, label, world, login
):
    url = f"{reverse(endpoint)}?{urlencode({'person': world.person_id(label)})}"

    response = login(world.users[persona]).get(url)

    assert _listed(response, world) == set()


def test_it_shows_a_household_recipient_every_member(world, login):
    url = reverse("household-detail", kwargs={"id": world.households["h_ngo_a"]})

    response = login(world.users["liaison"]).get(url)

    assert response.status_code == 200
    members = {world.label(m["person"]) for m in response.json()["members"]}
    assert members == {"ngo_a_principal", "ngo_a_child"}


# --- the access log ----------------------------------------------------------------------


def _logged(user: User | None) -> list[tuple[str, str, str, str]]:
    rows = AccessLog.objects.filter(user=user).order_by("id")
    return [(r.channel, r.action, r.object_type, str(r.object_id)) for r in rows]


@dataclass(frozen=True)
class Read:
    """A read, and the (channel, action, object type) of the rows it must log, one per label."""

    id: str
    url: Callable[[World], str]
    logged: tuple[str, str, str]
    labels: frozenset[str]


def _person_detail(label: str) -> Callable[[World], str]:
    return lambda w: reverse("person-detail", kwargs={"id": w.person_id(label)})


def _first(records: dict[str, str], label: str) -> str:
    return next(public_id for public_id, owner in records.items() if owner == label)


READS = [
    Read(
        "api-persons-list",
        lambda w: _all("person-list"),
        (Channel.API, "list", "person"),
        EXPECTED_PEOPLE["ngo_b"],
    ),
    Read(
        "api-person",
        _person_detail("ngo_a_shared_b"),
        (Channel.API, "view", "person"),
        frozenset({"ngo_a_shared_b"}),
    ),
    Read(
        "api-households-list",
        lambda w: _all("household-list"),
        (Channel.API, "list", "household"),
        frozenset({"h_ngo_b"}),
    ),
    Read(
        "api-household",
        lambda w: reverse("household-detail", kwargs={"id": w.households["h_ngo_b"]}),
        (Channel.API, "view", "household"),
        frozenset({"h_ngo_b"}),
    ),
    Read(
        "api-documents-list",
        lambda w: _all("document-list"),
        (Channel.API, "list", "person"),
        EXPECTED_DOCUMENTS["ngo_b"],
    ),
    Read(
        "api-document",
        lambda w: reverse("document-detail", kwargs={"id": _first(w.documents, "ngo_b_son")}),
        (Channel.API, "document", "person"),
        frozenset({"ngo_b_son"}),
    ),
    Read(
        "api-periods-list",
        lambda w: _all("status-period-list"),
        (Channel.API, "list", "person"),
        EXPECTED_PEOPLE["ngo_b"],
    ),
    Read(
        "api-period",
        lambda w: reverse("status-period-detail", kwargs={"id": _first(w.periods, "ngo_b_son")}),
        (Channel.API, "status", "person"),
        frozenset({"ngo_b_son"}),
    ),
    Read(
        "web-search",
        lambda w: WEB_SEARCH,
        (Channel.WEB, "search", "person"),
        EXPECTED_PEOPLE["ngo_b"],
    ),
    Read(
        "web-detail",
        lambda w: reverse("people:detail", kwargs={"public_id": w.person_id("ngo_a_shared_b")}),
        (Channel.WEB, "view", "person"),
        frozenset({"ngo_a_shared_b"}),
    ),
]


def _public_id(world: World, label: str) -> str:
    return world.households.get(label) or world.person_id(label)


@pytest.mark.parametrize("read", READS, ids=[read.id for read in READS])
def test_it_logs_each_record_read_with_reader_channel_and_id(read, world, login):
    reader = world.users["ngo_b"]
    url = read.url(world)

    response = login(reader).get(url)

    assert response.status_code == 200
    rows = AccessLog.objects.filter(user=reader)
    expected = sorted((*read.logged, _public_id(world, label)) for label in read.labels)
    # Household members shown beside a record are logged too (action "member", tested in
    # test_access_log_matrix.py).
    assert sorted(row for row in _logged(reader) if row[1] != "member") == expected
    path, _, query = url.partition("?")
    assert {row.path for row in rows} == {logged_path(path, query)}


NOT_VISIBLE_TO_NGO_B = [
    ("api-person", lambda w: reverse("person-detail", kwargs={"id": w.person_id("agency")})),
    ("api-person-revoked", _person_detail("ngo_a_revoked_b")),
    ("api-person-expired", _person_detail("ngo_a_expired_b")),
    (
        "api-household",
        lambda w: reverse("household-detail", kwargs={"id": w.households["h_ngo_a"]}),
    ),
    (
        "api-document",
        lambda w: reverse("document-detail", kwargs={"id": _first(w.documents, "ngo_a_child")}),
    ),
    (
        "api-period",
        lambda w: reverse("status-period-detail", kwargs={"id": _first(w.periods, "kgz_wife")}),
    ),
    (
        "web-detail",
        lambda w: reverse("people:detail", kwargs={"public_id": w.person_id("government")}),
    ),
    (
        "web-edit-shared",
        lambda w: reverse("people:edit", kwargs={"public_id": w.person_id("ngo_a_shared_b")}),
    ),
    ("api-missing", lambda w: reverse("person-detail", kwargs={"id": "not-a-uuid"})),
]


@pytest.mark.parametrize(
    ("name", "url"), NOT_VISIBLE_TO_NGO_B, ids=[n for n, _ in NOT_VISIBLE_TO_NGO_B]
)
def test_it_logs_nothing_for_a_404(name, url, world, login):
    response = login(world.users["ngo_b"]).get(url(world))

    assert response.status_code == 404
    assert AccessLog.objects.count() == 0


@pytest.mark.parametrize("persona", NO_READERS)
@pytest.mark.parametrize("read", READS, ids=[read.id for read in READS])
def test_it_logs_nothing_for_a_refused_read(read, persona, world, login):
    response = login(world.users[persona]).get(read.url(world))

    assert response.status_code in {302, 401, 403}
    assert AccessLog.objects.count() == 0
