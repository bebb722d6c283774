"""The agreements' pages and the services behind them: recording one (bad input named and
nothing stored), changing it (versioned; its shares brought within it), ending it early (its
shares revoked), the list's filters, and shares naming an agreement record on the person's
share page and the shares API."""

import datetime as dt
from importlib import import_module

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from qorgau.errors import NotAllowed
from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import user_make
from qorgau.partners import errors
from qorgau.partners.models import Agreement
from qorgau.partners.services import agreement_change, agreement_end
from qorgau.partners.tests.factories import agreement_make
from qorgau.people import errors as people_errors
from qorgau.people.models import Share
from qorgau.people.services.shares import share_grant
from qorgau.reminders.models import Reminder
from qorgau.reminders.services import reminders_refresh

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% synthetic signed agreement\n"
REFERENCE = "DSA-2026-11"


def _in(days: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)


def _record(actor, provider, recipient, **fields):
    return agreement_make(actor, provider, recipient, **({"reference": REFERENCE} | fields))


def _share(manager, recipient, person, agreement, **fields):
    values = {"purpose": "Legal aid", "expires_on": _in(30), "field_groups": ["identity"]}
    return share_grant(
        actor=manager, recipient=recipient, person=person, agreement_record=agreement,
        **(values | fields),
    )  # fmt: skip


def _form(**fields):
    values = {
        "purpose": "Medical care",
        "field_groups": ["identity", "contact"],
        "starts_on": _in(-1).isoformat(),
        "expires_on": _in(90).isoformat(),
    }
    return values | fields


# --- recording and changing, on the pages ------------------------------------------------


def test_it_records_an_agreement_with_its_document_from_the_page(
    agency_admin, agency, ngo_a_org, login
):
    client = login(agency_admin)
    body = _form(
        provider=agency.pk, recipient=ngo_a_org.pk, reference="DSA-PAGE-1",
        document=SimpleUploadedFile("signed.pdf", PDF, "application/pdf"),
    )  # fmt: skip

    response = client.post(reverse("partners:agreement-new"), body)

    agreement = Agreement.objects.get(reference="DSA-PAGE-1")
    assert response.status_code == 302
    assert response["Location"] == reverse("partners:agreement", args=[agreement.public_id])
    assert (agreement.provider, agreement.recipient) == (agency, ngo_a_org)
    assert agreement.history.first().history_user == agency_admin
    page = client.get(response["Location"])
    assert "DSA-PAGE-1" in page.content.decode()
    document = client.get(reverse("partners:agreement-document", args=[agreement.public_id]))
    assert b"".join(document.streaming_content) == PDF


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (
            {"starts_on": "2026-06-01", "expires_on": "2026-01-31"},
            "expires_on",
            errors.EXPIRY_BEFORE_START,
        ),
        (
            {"document": SimpleUploadedFile("s.pdf", b"<html>", "application/pdf")},
            "document",
            errors.DOCUMENT_TYPE,
        ),
    ],
)
def test_it_names_the_field_of_bad_input_and_stores_nothing(
    agency_admin, agency, ngo_a_org, login, fields, field, message
):
    body = _form(provider=agency.pk, recipient=ngo_a_org.pk, reference="DSA-BAD", **fields)

    response = login(agency_admin).post(reverse("partners:agreement-new"), body)

    assert response.status_code == 400
    assert response.context["form"].errors[field] == [str(message)]
    assert str(response.context["form"][field].label) in response.content.decode()
    assert not Agreement.objects.exists()


def test_it_refuses_a_document_above_the_size_limit(
    settings, agency_admin, agency, ngo_a_org, login
):
    settings.AGREEMENT_DOCUMENT_MAX_BYTES = 10
    body = _form(
        provider=agency.pk, recipient=ngo_a_org.pk, reference="DSA-BIG",
        document=SimpleUploadedFile("s.pdf", PDF, "application/pdf"),
    )  # fmt: skip

    response = login(agency_admin).post(reverse("partners:agreement-new"), body)

    assert list(response.context["form"].errors) == ["document"]
    assert not Agreement.objects.exists()


def test_it_changes_an_agreement_and_refuses_a_stale_version(
    agency_admin, agency, ngo_a_org, login
):
    agreement = _record(agency_admin, agency, ngo_a_org)
    client = login(agency_admin)
    url = reverse("partners:agreement-edit", args=[agreement.public_id])

    saved = client.post(url, _form(version=1, purpose="Changed purpose"))
    stale = client.post(url, _form(version=1, purpose="Lost update"))

    agreement.refresh_from_db()
    assert saved.status_code == 302
    assert (stale.status_code, agreement.purpose, agreement.version) == (
        400,
        "Changed purpose",
        2,
    )
    assert list(stale.context["form"].errors) == ["version"]


def test_it_refuses_an_expiry_before_the_start_on_change(agency_admin, agency, ngo_a_org, login):
    agreement = _record(agency_admin, agency, ngo_a_org)

    response = login(agency_admin).post(
        reverse("partners:agreement-edit", args=[agreement.public_id]),
        _form(version=1, starts_on=_in(10).isoformat(), expires_on=_in(5).isoformat()),
    )

    assert response.context["form"].errors["expires_on"] == [str(errors.EXPIRY_BEFORE_START)]
    agreement.refresh_from_db()
    assert (agreement.version, agreement.expires_on) == (1, _in(180))


# --- shares under an agreement: narrowed, ended ------------------------------------------


def test_a_narrower_agreement_narrows_the_shares_made_under_it(
    agency_admin, agency, ngo_a_org, person, manager
):
    agreement = _record(agency_admin, agency, ngo_a_org)
    share = _share(manager, ngo_a_org, person, agreement, field_groups=["identity", "contact"])

    agreement_change(
        actor=agency_admin, agreement=agreement, version=1, purpose="Legal aid",
        field_groups=["identity"], starts_on=_in(-10), expires_on=_in(20),
    )  # fmt: skip

    share.refresh_from_db()
    assert (share.field_groups, share.expires_on, share.revoked_at) == (["identity"], _in(20), None)


def test_ending_an_agreement_early_revokes_its_shares_and_refuses_new_ones(
    agency_admin, agency, ngo_a_org, person, manager, login
):
    agreement = _record(agency_admin, agency, ngo_a_org)
    share = _share(manager, ngo_a_org, person, agreement)

    response = login(agency_admin).post(
        reverse("partners:agreement-end", args=[agreement.public_id]),
        {"version": 1, "reason": "The partner closed its office."},
    )

    agreement.refresh_from_db()
    share.refresh_from_db()
    assert response.status_code == 302
    assert agreement.ended_at is not None
    assert share.revoked_at is not None
    assert not agreement.in_force(timezone.localdate())
    with pytest.raises(ValidationError) as refused:
        _share(manager, ngo_a_org, person, agreement)
    assert refused.value.message_dict == {
        "agreement": [str(people_errors.SHARE_AGREEMENT_NOT_IN_FORCE)]
    }


def test_it_refuses_to_end_without_a_reason_or_for_another_organisation(
    agency_admin, agency, ngo_a_org, ngo_b_org, login
):
    agreement = _record(agency_admin, agency, ngo_a_org)
    ngo_b_admin = user_make("ngo-b-admin", ngo_b_org, Role.ADMINISTRATOR)
    url = reverse("partners:agreement-end", args=[agreement.public_id])

    blank = login(agency_admin).post(url, {"version": 1, "reason": " "})
    other = login(ngo_b_admin).post(url, {"version": 1, "reason": "Not ours."})
    with pytest.raises(NotAllowed):
        agreement_end(actor=ngo_b_admin, agreement=agreement, version=1, reason="Not ours.")

    agreement.refresh_from_db()
    assert (blank.status_code, other.status_code, agreement.ended_at) == (400, 404, None)


def test_an_agreement_ended_early_is_not_reminded(agency_admin, agency, ngo_a_org):
    agreement = _record(agency_admin, agency, ngo_a_org, expires_on=_in(5))
    agreement_end(actor=agency_admin, agreement=agreement, version=1, reason="Replaced.")

    reminders_refresh(today=timezone.localdate())

    assert not Reminder.objects.filter(agreement=agreement).exists()


# --- the list ------------------------------------------------------------------------------


def test_it_filters_the_list_by_state_partner_and_purpose(
    agency_admin, agency, ngo_a_org, ngo_b_org, login
):
    live = _record(agency_admin, agency, ngo_a_org, reference="DSA-LIVE")
    soon = _record(agency_admin, agency, ngo_b_org, reference="DSA-SOON", expires_on=_in(3),
                   purpose="Medical care")  # fmt: skip
    old = _record(agency_admin, agency, ngo_a_org, reference="DSA-OLD",
                  starts_on=_in(-400), expires_on=_in(-40))  # fmt: skip
    client = login(agency_admin)

    def listed(**params):
        response = client.get(reverse("partners:agreements"), params)
        assert response.status_code == 200
        return {agreement.reference for agreement, _ in response.context["rows"]}

    assert listed() == {"DSA-LIVE", "DSA-SOON", "DSA-OLD"}
    assert listed(state="in_force") == {live.reference, soon.reference}
    assert listed(state="expiring") == {soon.reference}
    assert listed(state="expired") == {old.reference}
    assert listed(partner=ngo_b_org.code) == {soon.reference}
    assert listed(purpose="medical") == {soon.reference}


def test_the_list_costs_as_many_queries_for_many_rows(
    agency_admin, agency, ngo_a_org, login, list_queries
):
    _record(agency_admin, agency, ngo_a_org, reference="DSA-Q-0")

    def grow():
        for number in range(1, 12):
            _record(agency_admin, agency, ngo_a_org, reference=f"DSA-Q-{number}")

    few, many = list_queries(login(agency_admin), reverse("partners:agreements"), grow=grow)

    assert few == many


# --- shares name an agreement record -----------------------------------------------------


def test_the_share_page_shares_under_the_chosen_agreement(
    agency_admin, agency, ngo_a_org, person, manager, login
):
    agreement = _record(agency_admin, agency, ngo_a_org)
    client = login(manager)
    url = reverse("people:share-add", args=[person.public_id])

    offered = client.get(url).context["form"].fields["agreement"].queryset
    response = client.post(url, {
        "agreement": str(agreement.public_id), "purpose": "Legal aid",
        "expires_on": _in(30).isoformat(), "field_groups": ["identity"],
    })  # fmt: skip

    assert list(offered) == [agreement]
    assert response.status_code == 302
    share = Share.objects.get()
    assert (share.organisation, share.agreement_record, share.agreement) == (
        ngo_a_org, agreement, agreement.reference,
    )  # fmt: skip


def test_the_share_page_refuses_a_field_the_agreement_does_not_allow(
    agency_admin, agency, ngo_a_org, person, manager, login
):
    agreement = _record(agency_admin, agency, ngo_a_org, field_groups=["identity"])

    response = login(manager).post(reverse("people:share-add", args=[person.public_id]), {
        "agreement": str(agreement.public_id), "purpose": "Legal aid",
        "expires_on": _in(30).isoformat(), "field_groups": ["identity", "contact"],
    })  # fmt: skip

    assert list(response.context["form"].errors) == ["agreement"]
    assert not Share.objects.exists()


def test_the_share_page_offers_no_agreement_of_another_holder_and_refuses_without_one(
    ngo_b_org, ngo_a_org, person, manager, login
):
    ngo_b_admin = user_make("ngo-b-admin", ngo_b_org, Role.ADMINISTRATOR)
    _record(ngo_b_admin, ngo_b_org, ngo_a_org)  # NGO B holds nothing of the person
    client = login(manager)
    url = reverse("people:share-add", args=[person.public_id])

    offered = client.get(url).context["form"].fields["agreement"].queryset
    response = client.post(url, {
        "purpose": "Legal aid", "expires_on": _in(30).isoformat(), "field_groups": ["identity"],
    })  # fmt: skip

    assert list(offered) == []
    assert "agreement" in response.context["form"].errors
    assert not Share.objects.exists()


def test_the_shares_api_names_the_agreement_by_reference_or_refuses(
    agency_admin, agency, ngo_a_org, ngo_b_org, person, manager, login
):
    agreement = _record(agency_admin, agency, ngo_a_org)
    client = login(manager)
    body = {
        "organisation": ngo_a_org.code, "person": str(person.public_id),
        "purpose": "Legal aid", "expires_on": _in(30).isoformat(),
    }  # fmt: skip

    made = client.post(reverse("share-list"), body | {"agreement": agreement.reference})
    unknown = client.post(reverse("share-list"), body | {"agreement": "DTA free text"})
    other = client.post(
        reverse("share-list"),
        body | {"organisation": ngo_b_org.code, "agreement": str(agreement.public_id)},
    )

    assert made.status_code == 201, made.content
    assert made.json()["agreement_record"] == str(agreement.public_id)
    assert made.json()["legacy_agreement"] is False
    assert (unknown.status_code, list(unknown.json())) == (400, ["agreement"])
    assert unknown.json()["agreement"] == [str(people_errors.SHARE_NO_AGREEMENT)]
    assert (other.status_code, list(other.json())) == (400, ["agreement"])
    assert Share.objects.count() == 1


def test_the_migration_links_shares_by_reference_and_leaves_the_rest_legacy(
    agency_admin, agency, ngo_a_org, ngo_b_org, person, manager, login
):
    from django.apps import apps

    link = import_module("qorgau.people.migrations.0016_share_agreement_link").link
    agreement = _record(agency_admin, agency, ngo_a_org)
    terms = {"person": person, "purpose": "Legal aid", "expires_on": _in(30)}
    matching = Share.objects.create(
        organisation=ngo_a_org, agreement=REFERENCE, granted_by=manager, **terms
    )
    other_recipient = Share.objects.create(
        organisation=ngo_b_org, agreement=REFERENCE, granted_by=manager, **terms
    )
    free_text = Share.objects.create(
        organisation=ngo_a_org, agreement="DTA 2024/07", granted_by=manager, **terms
    )

    link(apps, None)

    linked = {
        s.pk: s.agreement_record_id
        for s in Share.objects.filter(pk__in=[matching.pk, other_recipient.pk, free_text.pk])
    }
    assert linked == {matching.pk: agreement.pk, other_recipient.pk: None, free_text.pk: None}
    page = login(manager).get(reverse("people:detail", args=[person.public_id]))
    assert page.content.decode().count("(legacy)") == 2


def test_the_api_lists_agreements_filtered_like_the_page(
    agency_admin, agency, ngo_a_org, ngo_b_org, login
):
    _record(agency_admin, agency, ngo_a_org, reference="DSA-LIVE")
    _record(agency_admin, agency, ngo_b_org, reference="DSA-SOON", expires_on=_in(3))
    client = login(agency_admin)

    def listed(**params):
        response = client.get(reverse("agreement-list"), params)
        assert response.status_code == 200, response.content
        return {row["reference"] for row in response.json()["results"]}

    assert listed() == {"DSA-LIVE", "DSA-SOON"}
    assert listed(state="expiring") == {"DSA-SOON"}
    assert listed(partner=ngo_a_org.code) == {"DSA-LIVE"}
    assert client.get(reverse("agreement-list"), {"state": "gone"}).status_code == 400
