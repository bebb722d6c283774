"""Shares carry a field scope (issue 14, ADR 0038): the granting user chooses the groups of
fields the share grants among those they read themselves (the default scope when they name
none); a group they do not read is refused with a message naming it and a security event; the
recipient's roles read their own row of the table narrowed by the share's scope, on the page,
the API and the lists filtered in the database."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from qorgau.audit.models import SecurityEvent
from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.personas import persona_user
from qorgau.people import errors
from qorgau.people.fields import PERSON_API_FIELDS, SHARE_DEFAULT, FieldGroup, field_policy
from qorgau.people.models import DocumentType, Person, Share
from qorgau.people.services.documents import document_add
from qorgau.people.services.shares import SHARE_REFUSED
from qorgau.people.tests.factories import agreement_for_share, role_reads_less, share_grant_agreed

pytestmark = pytest.mark.django_db

G = FieldGroup
ALL = frozenset(FieldGroup)
SCOPE = frozenset({G.IDENTITY, G.DOCUMENTS, G.SPECIFIC_NEEDS})
NEED = "SM-CI"


def _in(days: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)


def _grant(officer: User, recipient: Organisation, person: Person, **extra: Any) -> Share:
    return share_grant_agreed(
        actor=officer,
        recipient=recipient,
        agreement="DTA 2025/09",
        purpose="Medical referral",
        expires_on=_in(30),
        person=person,
        **extra,
    )


@pytest.fixture
def officer(agency: Organisation) -> User:
    return persona_user("officer", agency)


@pytest.fixture
def subject(clerk: User, agency: Organisation, make_person: Any) -> Person:
    person = make_person(clerk, agency, phones=["+77012345678"], needs=[NEED])
    document_add(actor=clerk, person=person, type=DocumentType.PASSPORT, number="N10000001")
    return person


def _api_groups(body: dict[str, Any]) -> frozenset[FieldGroup]:
    return frozenset(
        group
        for group, names in PERSON_API_FIELDS.items()
        if all(name in body for name in names if name != "date_of_birth_estimated")
    )


def test_it_gives_a_share_the_default_scope_when_none_is_named(
    officer: User, ngo_b_org: Organisation, subject: Person
) -> None:
    share = _grant(officer, ngo_b_org, subject)

    assert share.field_groups == sorted(group.value for group in SHARE_DEFAULT)


def test_a_share_made_without_a_scope_has_the_default_one(
    officer: User, ngo_b_org: Organisation, subject: Person
) -> None:
    """What the migration gives every share made before shares carried a scope."""
    share = Share(organisation=ngo_b_org, person=subject, granted_by=officer)

    assert frozenset(share.field_groups) == frozenset(g.value for g in SHARE_DEFAULT)


def test_it_keeps_the_scope_the_granter_chose(
    officer: User, ngo_b_org: Organisation, subject: Person
) -> None:
    share = _grant(officer, ngo_b_org, subject, field_groups=["specific_needs", "identity"])

    assert share.field_groups == ["identity", "specific_needs"]
    granted = SecurityEvent.objects.get(event="share_granted")
    assert granted.detail["field_groups"] == ["identity", "specific_needs"]


# persona → the groups it reads of the subject shared with NGO B and the government with SCOPE.
EXPECTED = [
    ("ngo_b", SCOPE),
    ("liaison", frozenset({G.IDENTITY, G.DOCUMENTS})),  # its role never reads specific needs
    ("gov_clerk", SCOPE),
    ("ngo_a", frozenset()),  # no share
]


@pytest.fixture
def shared(
    officer: User, ngo_b_org: Organisation, government: Organisation, subject: Person
) -> Person:
    for recipient in (ngo_b_org, government):
        _grant(officer, recipient, subject, field_groups=[g.value for g in SCOPE])
    return subject


@pytest.mark.parametrize(("persona", "groups"), EXPECTED)
def test_each_recipient_role_reads_its_row_narrowed_by_the_shares_scope(
    request: Any, shared: Person, persona: str, groups: frozenset[FieldGroup]
) -> None:
    user = request.getfixturevalue(persona)

    assert field_policy(user, shared).read == groups


@pytest.mark.parametrize(("persona", "groups"), EXPECTED[:3])
def test_the_api_shows_a_recipient_only_the_shares_scope(
    request: Any, login: Any, shared: Person, persona: str, groups: frozenset[FieldGroup]
) -> None:
    client = login(request.getfixturevalue(persona))

    body = client.get(reverse("person-detail", args=[shared.public_id])).json()
    documents = client.get(reverse("document-list"), {"person": str(shared.public_id)}).json()

    assert _api_groups(body) == groups & set(PERSON_API_FIELDS)
    assert ("needs" in body) == (G.SPECIFIC_NEEDS in groups)
    assert (documents["count"] > 0) == (G.DOCUMENTS in groups)


def test_a_default_share_shows_no_documents_nor_needs(
    officer: User, ngo_b: User, ngo_b_org: Organisation, subject: Person, login: Any
) -> None:
    _grant(officer, ngo_b_org, subject)
    client = login(ngo_b)

    body = client.get(reverse("person-detail", args=[subject.public_id])).json()
    documents = client.get(reverse("document-list"), {"person": str(subject.public_id)}).json()

    assert "needs" not in body
    assert "phones" in body
    assert documents["count"] == 0


def test_two_shares_to_one_organisation_add_up(
    officer: User, ngo_b: User, ngo_b_org: Organisation, subject: Person
) -> None:
    _grant(officer, ngo_b_org, subject, field_groups=["identity"])
    _grant(officer, ngo_b_org, subject, field_groups=["contact"])

    assert field_policy(ngo_b, subject).read == {G.IDENTITY, G.CONTACT}


@pytest.fixture
def officer_without_needs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A table in which a protection officer does not read specific needs."""
    role_reads_less(monkeypatch, Role.PROTECTION_OFFICER, {G.SPECIFIC_NEEDS})


@pytest.mark.usefixtures("officer_without_needs")
def test_it_refuses_a_group_the_granter_does_not_read_and_logs_it(
    officer: User, ngo_b_org: Organisation, subject: Person
) -> None:
    with pytest.raises(Exception) as refused:  # noqa: PT011 (the ValidationError's message)
        _grant(officer, ngo_b_org, subject, field_groups=["identity", "specific_needs"])

    expected = errors.SHARE_GROUP_NOT_READABLE % {"group": G.SPECIFIC_NEEDS.label}
    assert refused.value.messages == [expected]  # type: ignore[attr-defined]
    assert not Share.objects.exists()
    event = SecurityEvent.objects.get(event=SHARE_REFUSED)
    assert event.detail["reasons"] == ["field_groups:group_not_readable"]
    assert event.detail["field_groups"] == ["identity", "specific_needs"]


@pytest.mark.usefixtures("officer_without_needs")
def test_the_default_scope_leaves_out_what_the_granter_does_not_read(
    officer: User, ngo_b_org: Organisation, subject: Person
) -> None:
    share = _grant(officer, ngo_b_org, subject)

    assert G.SPECIFIC_NEEDS.value not in share.field_groups


@pytest.mark.usefixtures("officer_without_needs")
@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_the_page_offers_only_readable_groups_and_refuses_a_forged_one(
    officer: User, ngo_b_org: Organisation, subject: Person, login: Any, language: str
) -> None:
    client = login(officer)
    url = reverse("people:share-add", kwargs={"public_id": subject.public_id})

    offered = client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    response = client.post(
        url,
        _form(ngo_b_org, field_groups=["identity", "specific_needs"]),
        HTTP_ACCEPT_LANGUAGE=language,
    )

    assert 'value="contact"' in offered
    assert 'value="specific_needs"' not in offered
    assert response.status_code == 200
    with translation.override(language):
        expected = str(errors.SHARE_GROUP_NOT_READABLE) % {"group": G.SPECIFIC_NEEDS.label}
    assert escape(expected) in response.content.decode()
    assert not Share.objects.exists()
    assert SecurityEvent.objects.filter(event=SHARE_REFUSED).count() == 1


def test_the_page_refuses_an_empty_scope(
    officer: User, ngo_b_org: Organisation, subject: Person, login: Any
) -> None:
    url = reverse("people:share-add", kwargs={"public_id": subject.public_id})

    response = login(officer).post(url, _form(ngo_b_org))

    assert response.status_code == 200
    assert not Share.objects.exists()


def test_the_page_lists_each_shares_scope(
    officer: User, ngo_b_org: Organisation, subject: Person, login: Any
) -> None:
    _grant(officer, ngo_b_org, subject, field_groups=["identity", "documents"])

    page = login(officer).get(reverse("people:detail", kwargs={"public_id": subject.public_id}))

    assert "Identity, Documents" in page.content.decode()


def _agreement(recipient: Organisation) -> Any:
    """An agreement in force between the agency office (the subject's holder) and
    ``recipient``, allowing every field group: the scope is what these tests are about."""
    agency = Organisation.objects.get(code="agency-kaz")
    return agreement_for_share(
        agency.memberships.first().user,
        agency,
        recipient,
        _in(30),
        purpose="Legal aid; Case review",
    )


def _form(recipient: Organisation, **extra: Any) -> dict[str, Any]:
    return {
        "agreement": str(_agreement(recipient).public_id),
        "purpose": "Legal aid",
        "expires_on": _in(10).isoformat(),
        **extra,
    }


def _body(person: Person, **extra: Any) -> str:
    return json.dumps(
        {
            "organisation": "ngo-b",
            "person": str(person.public_id),
            "agreement": _agreement(Organisation.objects.get(code="ngo-b")).reference,
            "purpose": "Case review",
            "expires_on": _in(10).isoformat(),
            **extra,
        }
    )


def test_the_api_grants_and_shows_a_scope(
    officer: User, ngo_b_org: Organisation, subject: Person, login: Any
) -> None:
    client = login(officer)

    created = client.post(
        "/api/v1/shares/",
        _body(subject, field_groups=["identity", "specific_needs"]),
        "application/json",
    )
    listed = client.get("/api/v1/shares/").json()

    assert created.status_code == 201, created.content
    assert created.json()["field_groups"] == ["identity", "specific_needs"]
    assert listed["results"][0]["field_groups"] == ["identity", "specific_needs"]


@pytest.mark.parametrize(
    ("groups", "code"), [([], "required"), (["gossip"], "invalid_choice")], ids=["empty", "unknown"]
)
def test_the_api_refuses_an_empty_or_unknown_scope(
    officer: User, ngo_b_org: Organisation, subject: Person, login: Any, groups: Any, code: str
) -> None:
    answer = login(officer).post(
        "/api/v1/shares/", _body(subject, field_groups=groups), "application/json"
    )

    assert answer.status_code == 400
    assert "field_groups" in answer.content.decode()
    assert not Share.objects.exists()


@pytest.mark.usefixtures("officer_without_needs")
def test_the_api_refuses_a_group_the_granter_does_not_read(
    officer: User, ngo_b_org: Organisation, subject: Person, login: Any
) -> None:
    answer = login(officer).post(
        "/api/v1/shares/", _body(subject, field_groups=["specific_needs"]), "application/json"
    )

    assert answer.status_code == 400
    assert "Specific needs" in answer.content.decode()
    assert not Share.objects.exists()


@pytest.mark.parametrize("persona", ["ngo_b", "liaison", None])
def test_a_recipient_a_liaison_or_an_anonymous_user_cannot_grant_a_scope(
    request: Any,
    officer: User,
    ngo_b_org: Organisation,
    subject: Person,
    login: Any,
    persona: str | None,
) -> None:
    _grant(officer, ngo_b_org, subject, field_groups=["identity"])
    user = request.getfixturevalue(persona) if persona else None
    client = login(user)
    url = reverse("people:share-add", kwargs={"public_id": subject.public_id})

    page = client.post(url, _form(ngo_b_org, field_groups=["identity", "specific_needs"]))
    api = client.post("/api/v1/shares/", _body(subject, field_groups=["specific_needs"]),
                      "application/json")  # fmt: skip

    if persona is None:
        assert page.status_code == 302
        assert "/login" in page["Location"]
        assert api.status_code in (401, 403)
    else:
        assert page.status_code in (403, 404)
        assert api.status_code in (403, 404)
    assert Share.objects.get().field_groups == ["identity"]
