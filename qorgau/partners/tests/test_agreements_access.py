"""The agreements' API × every persona: the parties and the agency office of their country
read an agreement (and its signed document); everyone else gets 404, the statistics viewer
403, the anonymous caller 401. Only the sharing side's administrators record, change and end
one: the receiving side's administrator (a reader) and another organisation's get 404, a user
who administers no organisation 403, and nothing changes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import user_make
from qorgau.organisations.tests.personas import ANONYMOUS, PERSONAS, personas_make, url_routes
from qorgau.partners.models import Agreement
from qorgau.partners.services import agreement_record

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% synthetic\n"
PARTIES = frozenset({"clerk", "officer", "ngo_a", "agency_admin"})


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    orgs, users = personas_make()
    users["agency_admin"] = user_make("agency-admin", orgs["agency"], Role.ADMINISTRATOR)
    users["ngo_b_admin"] = user_make("ngo-b-admin", orgs["ngo_b"], Role.ADMINISTRATOR)
    users["ngo_a_admin"] = user_make("ngo-a-admin", orgs["ngo_a"], Role.ADMINISTRATOR)
    today = timezone.localdate()
    agreement = agreement_record(
        actor=users["agency_admin"], provider=orgs["agency"], recipient=orgs["ngo_a"],
        reference="DSA-1", purpose="Legal aid", field_groups=["identity"], starts_on=today,
        expires_on=today + dt.timedelta(days=90), document=SimpleUploadedFile("s.pdf", PDF),
    )  # fmt: skip
    return users, orgs, agreement


EVERYONE = (*PERSONAS, "agency_admin", "ngo_b_admin")
WRITERS = (*EVERYONE, "ngo_a_admin")


def _read(persona: str) -> int:
    if persona == ANONYMOUS:
        return 401
    if persona == "stats":
        return 403
    return 200 if persona in PARTIES else 404


@pytest.mark.parametrize("persona", EVERYONE)
def test_it_answers_each_reader_as_the_matrix_says(persona, world, login):
    users, _, agreement = world
    client = login(users[persona])
    detail = reverse("agreement-detail", kwargs={"id": agreement.public_id})
    document = reverse("agreement-document", kwargs={"id": agreement.public_id})

    listed = client.get(reverse("agreement-list"))
    shown = client.get(detail)
    downloaded = client.get(document)

    assert (shown.status_code, downloaded.status_code) == (_read(persona), _read(persona))
    if listed.status_code == 200:
        ids = [row["id"] for row in listed.json()["results"]]
        assert (str(agreement.public_id) in ids) == (persona in PARTIES)
    else:
        assert listed.status_code == _read(persona)
    if downloaded.status_code == 200:
        assert b"".join(downloaded.streaming_content) == PDF


@pytest.mark.parametrize("persona", EVERYONE)
def test_it_lets_only_the_sharing_sides_administrator_record_one(persona, world, login):
    users, orgs, _ = world
    body = {
        "provider": orgs["agency"].code, "recipient": orgs["ngo_b"].code, "reference": "DSA-2",
        "purpose": "Medical care", "field_groups": ["identity", "contact"],
        "starts_on": "2026-01-01", "expires_on": "2026-12-31",
        "document": SimpleUploadedFile("s.pdf", PDF, "application/pdf"),
    }  # fmt: skip

    response = login(users[persona]).post(reverse("agreement-list"), body)

    expected = {"agency_admin": 201, ANONYMOUS: 401}.get(persona, 403)
    assert response.status_code == expected, response.content[:200]
    assert Agreement.objects.filter(reference="DSA-2").exists() == (expected == 201)


def test_it_names_the_field_of_bad_input_and_stores_nothing(world, login):
    users, orgs, _ = world
    body = {
        "provider": orgs["agency"].code, "recipient": orgs["ngo_b"].code, "reference": "DSA-3",
        "purpose": "Medical care", "field_groups": ["identity"],
        "starts_on": "2026-06-01", "expires_on": "2026-01-31",
    }  # fmt: skip

    response = login(users["agency_admin"]).post(reverse("agreement-list"), body)

    assert response.status_code == 400
    assert list(response.json()) == ["expires_on"]
    assert not Agreement.objects.filter(reference="DSA-3").exists()


def _write(persona: str, done: int) -> int:
    if persona == ANONYMOUS:
        return 401
    if persona == "agency_admin":
        return done
    return 404 if persona.endswith("_admin") else 403


@pytest.mark.parametrize("persona", WRITERS)
def test_it_lets_only_the_sharing_sides_administrator_change_one(persona, world, login):
    users, _, agreement = world
    url = reverse("agreement-detail", kwargs={"id": agreement.public_id})
    body = {"version": 1, "purpose": "Legal aid; Documentation", "field_groups": ["identity"]}

    response = login(users[persona]).patch(url, body, content_type="application/json")

    assert response.status_code == _write(persona, 200), response.content[:200]
    agreement.refresh_from_db()
    changed = persona == "agency_admin"
    assert (agreement.version, agreement.purpose) == (
        (2, "Legal aid; Documentation") if changed else (1, "Legal aid")
    )


@pytest.mark.parametrize("persona", WRITERS)
def test_it_lets_only_the_sharing_sides_administrator_end_one(persona, world, login):
    users, _, agreement = world
    url = reverse("agreement-end", kwargs={"id": agreement.public_id})

    response = login(users[persona]).post(
        url, {"version": 1, "reason": "Superseded"}, content_type="application/json"
    )

    assert response.status_code == _write(persona, 200), response.content[:200]
    agreement.refresh_from_db()
    assert (agreement.ended_at is not None) == (persona == "agency_admin")


def test_it_covers_every_route_of_agreements():
    names = {name for path, name, _ in url_routes() if path.startswith("api/v1/^agreements")}

    assert names == {"agreement-list", "agreement-detail", "agreement-document", "agreement-end"}
