"""Bulk registration refuses what a form refuses (issue 14): a region of another country
(``UZ-TO`` on a Kazakhstan record), a status period or document from the future; and a share
cannot reach into the far future (``QORGAU_SHARE_MAX_DAYS``). Nothing is stored."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import user_make
from qorgau.people import errors
from qorgau.people.models import Document, Person, Share
from qorgau.people.services.bulk import BulkDocument, BulkStatus, registry_bulk_insert
from qorgau.people.tests.factories import share_grant_agreed
from qorgau.people.tests.test_bulk import _person
from qorgau.reference.models import Region

pytestmark = pytest.mark.django_db

FAR = dt.date(2999, 1, 1)


def _refused(clerk, person):
    with pytest.raises(ValidationError) as refused:
        registry_bulk_insert(households=[], people=[person], actor=clerk)
    assert not Person.objects.exists()
    return refused.value.message_dict


@pytest.mark.parametrize("language", ["en", "kk"])
def test_it_refuses_a_region_of_another_country(clerk, agency, language):
    person = _person(agency, region=Region.objects.get(code="UZ-TO"))

    with translation.override(language):
        problems = _refused(clerk, person)
        expected = str(errors.REGION_OF_ANOTHER_COUNTRY) % {"code": "UZ-TO"}

    assert problems == {"people.0.region": [expected]}


def test_it_takes_a_region_of_the_record_s_country(clerk, agency):
    region = Region.objects.get(code="KZ-75")

    registry_bulk_insert(households=[], people=[_person(agency, region=region)], actor=clerk)

    assert Person.objects.get().region == region


def test_it_refuses_a_status_period_starting_in_the_future(clerk, agency):
    period = BulkStatus("REF", FAR, None, recorded_by_id=agency.pk)

    problems = _refused(clerk, _person(agency, statuses=[period]))

    assert problems == {"people.0.statuses": [str(errors.STATUS_IN_FUTURE)]}


def test_it_refuses_a_document_issued_in_the_future(clerk, agency):
    document = BulkDocument("passport", "N0000003", issued_on=FAR)

    person = _person(agency)
    person.documents = [document]

    problems = _refused(clerk, person)

    assert problems == {"people.0.documents": [str(errors.ISSUED_IN_FUTURE)]}
    assert not Document.objects.exists()


def test_a_share_cannot_expire_in_the_far_future(clerk, agency, ngo_b_org, make_person):
    officer = user_make("officer", agency, Role.PROTECTION_OFFICER)
    person = make_person(clerk, agency)

    with pytest.raises(ValidationError) as refused:
        share_grant_agreed(
            actor=officer,
            recipient=ngo_b_org,
            agreement="DTA-2026-04",
            purpose="Legal aid",
            expires_on=FAR,
            person=person,
        )

    assert [e.code for e in refused.value.error_dict["expires_on"]] == ["expiry_too_late"]
    assert not Share.objects.exists()
