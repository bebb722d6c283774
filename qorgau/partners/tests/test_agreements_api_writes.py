"""Changing and ending an agreement over the API: the pages' services (``agreement_change``,
``agreement_end``) behind ``PATCH /api/v1/agreements/{id}/`` and
``POST /api/v1/agreements/{id}/end/``, with the version read (409 when stale), bad input named
and nothing stored, the history's actor and a security event, and the shares made under it
brought within it."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from qorgau.audit.models import SecurityEvent
from qorgau.partners import errors
from qorgau.partners.tests.factories import agreement_make
from qorgau.people.services.shares import share_grant

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% synthetic signed agreement\n"


def _in(days: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)


@pytest.fixture
def agreement(agency_admin, agency, ngo_a_org):
    return agreement_make(agency_admin, agency, ngo_a_org, reference="DSA-API-1")


def _patch(client, agreement, body, **headers):
    url = reverse("agreement-detail", kwargs={"id": agreement.public_id})
    return client.patch(url, body, content_type="application/json", **headers)


def _end(client, agreement, body):
    url = reverse("agreement-end", kwargs={"id": agreement.public_id})
    return client.post(url, body, content_type="application/json")


def test_it_changes_only_the_terms_sent_and_narrows_the_shares(
    agreement, agency_admin, ngo_a_org, person, manager, login
):
    share = share_grant(
        actor=manager, recipient=ngo_a_org, person=person, agreement_record=agreement,
        purpose="Legal aid", expires_on=_in(30), field_groups=["identity", "contact"],
    )  # fmt: skip

    response = _patch(login(agency_admin), agreement, {"version": 1, "field_groups": ["identity"]})

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["version"], body["field_groups"], body["purpose"]) == (
        2, ["identity"], "Legal aid"
    )  # fmt: skip
    agreement.refresh_from_db()
    assert (agreement.expires_on, agreement.starts_on) == (_in(180), _in(-10))
    assert agreement.history.first().history_user == agency_admin
    event = SecurityEvent.objects.filter(event="agreement_changed").get()
    assert event.detail["shares"] == [str(share.public_id)]
    share.refresh_from_db()
    assert share.field_groups == ["identity"]


def test_it_takes_a_new_signed_document_as_multipart(agreement, agency_admin, login):
    client = login(agency_admin)
    url = reverse("agreement-detail", kwargs={"id": agreement.public_id})
    body = encode_multipart(
        BOUNDARY, {"version": 1, "document": SimpleUploadedFile("s.pdf", PDF, "application/pdf")}
    )

    response = client.patch(url, body, content_type=MULTIPART_CONTENT)

    assert response.status_code == 200, response.content
    assert response.json()["has_document"] is True


def test_a_stale_version_is_refused_with_409_and_changes_nothing(agreement, agency_admin, login):
    client = login(agency_admin)
    assert _patch(client, agreement, {"version": 1, "purpose": "Legal aid; Documentation"})

    stale = _patch(client, agreement, {"version": 1, "purpose": "Lost update"})
    stale_end = _end(client, agreement, {"version": 1, "reason": "Lost end"})

    assert (stale.status_code, stale_end.status_code) == (409, 409)
    agreement.refresh_from_db()
    assert (agreement.version, agreement.purpose, agreement.ended_at) == (
        2, "Legal aid; Documentation", None
    )  # fmt: skip


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"expires_on": "2020-01-01"}, "expires_on", errors.EXPIRY_BEFORE_START),
        ({"purpose": " ; "}, "purpose", errors.PURPOSE_NEEDED),
        ({"field_groups": []}, "field_groups", None),
        ({"field_groups": ["no_such_group"]}, "field_groups", None),
    ],
)
def test_it_names_the_field_of_bad_input_and_stores_nothing(
    agreement, agency_admin, login, body, field, message
):
    response = _patch(
        login(agency_admin), agreement, {"version": 1, **body}, HTTP_ACCEPT_LANGUAGE="ru"
    )

    assert response.status_code == 400
    assert field in response.json()
    if message is not None:  # in the language asked for
        with override("ru"):
            assert str(message) in str(response.json()[field])
    agreement.refresh_from_db()
    assert (agreement.version, agreement.purpose) == (1, "Legal aid")


def test_it_ends_an_agreement_and_revokes_its_shares(
    agreement, agency_admin, ngo_a_org, person, manager, login
):
    share = share_grant(
        actor=manager, recipient=ngo_a_org, person=person, agreement_record=agreement,
        purpose="Legal aid", expires_on=_in(30), field_groups=["identity"],
    )  # fmt: skip
    client = login(agency_admin)

    blank = _end(client, agreement, {"version": 1, "reason": ""})
    ended = _end(client, agreement, {"version": 1, "reason": "The partner closed its office."})
    again = _end(client, agreement, {"version": 2, "reason": "Twice"})
    changed_after = _patch(client, agreement, {"version": 2, "purpose": "Too late"})

    assert (blank.status_code, ended.status_code) == (400, 200)
    assert "reason" in blank.json()
    assert ended.json()["ended_at"] is not None
    assert ended.json()["end_reason"] == "The partner closed its office."
    assert (again.status_code, changed_after.status_code) == (400, 400)
    share.refresh_from_db()
    assert share.revoked_at is not None
    agreement.refresh_from_db()
    assert (agreement.version, agreement.history.first().history_user) == (2, agency_admin)
    assert SecurityEvent.objects.filter(event="agreement_ended").count() == 1
