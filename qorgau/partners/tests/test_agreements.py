"""Data-sharing agreements: recording one (who may, bad input, the signed document), shares
made under one, and the reminder before one expires."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from qorgau.errors import NotAllowed
from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import user_make
from qorgau.partners import errors
from qorgau.partners.models import Agreement
from qorgau.partners.tests.factories import agreement_make
from qorgau.people import errors as people_errors
from qorgau.people.models import Share
from qorgau.people.services.shares import share_grant
from qorgau.reminders.models import Reminder, ReminderKind
from qorgau.reminders.services import reminders_refresh

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% synthetic signed agreement\n"
REFERENCE = "DSA-2026-07"


def _in(days: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)


def _record(actor, provider, recipient, **fields):
    return agreement_make(actor, provider, recipient, **({"reference": REFERENCE} | fields))


def test_it_records_an_agreement_with_its_signed_document(agency_admin, agency, ngo_a_org):
    document = SimpleUploadedFile("Signed by Name Surname.pdf", PDF, "application/pdf")

    agreement = _record(agency_admin, agency, ngo_a_org, document=document)

    assert agreement.field_groups == ["contact", "identity", "legal_status"]
    assert agreement.document.name == f"agreements/{agreement.public_id}.pdf"
    assert agreement.document.read() == PDF
    assert agreement.history.latest().history_user == agency_admin


@pytest.mark.parametrize("persona", ["clerk", "ngo_a", "ngo_b_admin"])
def test_it_refuses_anyone_but_the_sharing_side_administrators(
    request, persona, agency, ngo_a_org, ngo_b_org
):
    actor = (
        user_make("ngo-b-admin", ngo_b_org, Role.ADMINISTRATOR)
        if persona == "ngo_b_admin"
        else request.getfixturevalue(persona)
    )

    with pytest.raises(NotAllowed):
        _record(actor, agency, ngo_a_org)

    assert not Agreement.objects.exists()


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"expires_on": _in(-20)}, "expires_on", errors.EXPIRY_BEFORE_START),
        ({"field_groups": []}, "field_groups", errors.NO_FIELD_GROUP),
        ({"field_groups": ["identity", "diary"]}, "field_groups", errors.UNKNOWN_FIELD_GROUP),
        (
            {"document": SimpleUploadedFile("a.pdf", b"MZ not a pdf", "application/pdf")},
            "document",
            errors.DOCUMENT_TYPE,
        ),
    ],
)
def test_it_refuses_bad_input_naming_the_field(
    agency_admin, agency, ngo_a_org, fields, field, message
):
    with pytest.raises(ValidationError) as refused:
        _record(agency_admin, agency, ngo_a_org, **fields)

    assert refused.value.message_dict == {field: [str(message)]}
    assert not Agreement.objects.exists()


def test_it_refuses_a_document_above_the_limit_and_a_taken_reference(
    settings, agency_admin, agency, ngo_a_org
):
    settings.AGREEMENT_DOCUMENT_MAX_BYTES = 10
    _record(agency_admin, agency, ngo_a_org)

    with pytest.raises(ValidationError) as refused:
        _record(agency_admin, agency, ngo_a_org, document=SimpleUploadedFile("a.pdf", PDF))

    assert set(refused.value.message_dict) == {"reference", "document"}
    assert Agreement.objects.count() == 1


def _share(manager, recipient, person, agreement, days=30):
    return share_grant(
        actor=manager, recipient=recipient, agreement="free text", purpose="Legal aid",
        expires_on=_in(days), person=person, agreement_record=agreement,
    )  # fmt: skip


def test_it_shares_under_an_agreement_in_force(agency_admin, agency, ngo_a_org, person, manager):
    agreement = _record(agency_admin, agency, ngo_a_org)

    share = _share(manager, ngo_a_org, person, agreement)

    assert (share.agreement_record, share.agreement) == (agreement, "DSA-2026-07")


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("other_party", people_errors.SHARE_AGREEMENT_OTHER_PARTY),
        ("not_yet", people_errors.SHARE_AGREEMENT_NOT_IN_FORCE),
        ("outlasts", people_errors.SHARE_OUTLASTS_AGREEMENT),
    ],
)
def test_it_refuses_a_share_the_agreement_does_not_cover(
    agency_admin, agency, ngo_a_org, ngo_b_org, person, manager, case, message
):
    starts = _in(5) if case == "not_yet" else _in(-10)
    agreement = _record(agency_admin, agency, ngo_a_org, starts_on=starts, expires_on=_in(20))
    recipient = ngo_b_org if case == "other_party" else ngo_a_org

    with pytest.raises(ValidationError) as refused:
        _share(manager, recipient, person, agreement, days=30 if case == "outlasts" else 10)

    assert list(refused.value.message_dict) == ["agreement"]
    assert refused.value.messages[0].startswith(str(message)[:30])
    assert not Share.objects.exists()


def test_it_refuses_a_share_without_an_agreement_when_one_is_required(
    settings, ngo_a_org, person, manager
):
    settings.SHARE_AGREEMENT_REQUIRED = True

    with pytest.raises(ValidationError) as refused:
        _share(manager, ngo_a_org, person, None)

    assert refused.value.message_dict == {"agreement": [str(people_errors.SHARE_NO_AGREEMENT)]}
    assert not Share.objects.exists()


def test_it_reminds_the_sharing_organisation_before_the_agreement_expires_until_renewed(
    agency_admin, agency, ngo_a_org
):
    old = _record(agency_admin, agency, ngo_a_org, expires_on=_in(20))

    reminders_refresh(today=timezone.localdate(), agreement_days=30)
    reminders_refresh(today=timezone.localdate(), agreement_days=30)
    reminder = Reminder.objects.get(kind=ReminderKind.AGREEMENT_EXPIRY)
    _record(agency_admin, agency, ngo_a_org, reference="DSA-2026-08", expires_on=_in(400))
    reminders_refresh(today=timezone.localdate(), agreement_days=30)

    assert (reminder.agreement, reminder.organisation, reminder.due_on) == (old, agency, _in(20))
    reminder.refresh_from_db()
    assert reminder.closed_at is not None


def test_it_shows_the_agreement_reminder_to_the_sharing_organisation_only(
    agency_admin, agency, ngo_a_org, clerk, ngo_a, login
):
    _record(agency_admin, agency, ngo_a_org, expires_on=_in(10))
    reminders_refresh(today=timezone.localdate())

    seen = login(clerk).get("/reminders/")
    unseen = login(ngo_a).get("/reminders/")

    assert "DSA-2026-07" in seen.content.decode()
    assert [row.can_mark for row in seen.context["rows"]] == [True]
    assert unseen.context["rows"] == []


def test_a_share_under_an_agreement_shares_only_the_fields_it_allows(
    agency_admin, agency, ngo_a_org, person, manager
):
    agreement = _record(agency_admin, agency, ngo_a_org, field_groups=["identity", "contact"])

    default = _share(manager, ngo_a_org, person, agreement)
    with pytest.raises(ValidationError) as refused:
        share_grant(
            actor=manager, recipient=ngo_a_org, agreement="free text", purpose="Legal aid",
            expires_on=_in(30), person=person, agreement_record=agreement,
            field_groups=["identity", "specific_needs"],
        )  # fmt: skip

    assert default.field_groups == ["contact", "identity"]
    assert list(refused.value.message_dict) == ["agreement"]
    assert "Specific needs" in refused.value.messages[0]
    assert Share.objects.count() == 1
