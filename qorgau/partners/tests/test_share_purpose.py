"""A share made under an agreement is for a purpose the agreement covers (ADR 0061): the
service, the share page and the shares API refuse any other purpose on ``purpose`` with a
translated message naming the agreement's purposes; nothing is stored, and the refusal is
written to the security log."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from qorgau.audit.models import SecurityEvent
from qorgau.partners.tests.factories import agreement_make
from qorgau.people import errors
from qorgau.people.models import Share
from qorgau.people.services.shares import share_grant

pytestmark = pytest.mark.django_db


def _in(days: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)


@pytest.fixture
def agreement(agency_admin, agency, ngo_a_org):
    return agreement_make(
        agency_admin, agency, ngo_a_org, reference="DSA-PURPOSE",
        purpose="Legal aid; Documentation assistance",
    )  # fmt: skip


def _message() -> str:
    return str(errors.SHARE_PURPOSE_NOT_COVERED) % {
        "reference": "DSA-PURPOSE",
        "purposes": "Legal aid; Documentation assistance",
    }


def _grant(manager, ngo_a_org, person, agreement, purpose):
    return share_grant(
        actor=manager, recipient=ngo_a_org, person=person, agreement_record=agreement,
        purpose=purpose, expires_on=_in(30), field_groups=["identity"],
    )  # fmt: skip


def test_the_service_shares_for_a_purpose_the_agreement_covers(
    manager, ngo_a_org, person, agreement
):
    share = _grant(manager, ngo_a_org, person, agreement, "Documentation assistance: passport")

    assert share.purpose == "Documentation assistance: passport"


def test_the_service_refuses_another_purpose_on_the_purpose_field(
    manager, ngo_a_org, person, agreement
):
    with pytest.raises(ValidationError) as refused:
        _grant(manager, ngo_a_org, person, agreement, "Medical care")

    assert refused.value.message_dict == {"purpose": [_message()]}
    assert refused.value.error_dict["purpose"][0].code == "purpose_not_covered"
    assert not Share.objects.exists()
    event = SecurityEvent.objects.get(event="share_refused")
    assert event.detail["reasons"] == ["purpose:purpose_not_covered"]


def test_the_share_page_names_the_purpose_in_the_users_language(manager, person, agreement, login):
    url = reverse("people:share-add", args=[person.public_id])

    response = login(manager).post(
        url,
        {
            "agreement": str(agreement.public_id), "purpose": "Medical care",
            "expires_on": _in(30).isoformat(), "field_groups": ["identity"],
        },
        HTTP_ACCEPT_LANGUAGE="ru",
    )  # fmt: skip

    assert response.status_code == 200
    with override("ru"):
        assert response.context["form"].errors["purpose"] == [_message()]
    assert not Share.objects.exists()


def test_the_shares_api_refuses_another_purpose_on_purpose(
    manager, ngo_a_org, person, agreement, login
):
    body = {
        "organisation": ngo_a_org.code, "person": str(person.public_id),
        "agreement": agreement.reference, "expires_on": _in(30).isoformat(),
    }  # fmt: skip
    client = login(manager)

    refused = client.post(reverse("share-list"), body | {"purpose": "Medical care"})
    made = client.post(reverse("share-list"), body | {"purpose": "legal aid, appeal"})

    assert refused.status_code == 400
    assert refused.json() == {"purpose": [_message()]}
    assert made.status_code == 201, made.content
    assert Share.objects.count() == 1


def test_a_purpose_the_agreement_no_longer_covers_is_refused_after_a_change(
    agency_admin, manager, ngo_a_org, person, agreement
):
    from qorgau.partners.services import agreement_change

    agreement = agreement_change(
        actor=agency_admin, agreement=agreement, version=1, purpose="Documentation assistance"
    )

    with pytest.raises(ValidationError) as refused:
        _grant(manager, ngo_a_org, person, agreement, "Legal aid")

    assert list(refused.value.message_dict) == ["purpose"]
