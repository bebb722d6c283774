"""A manager changes a country's treaty status on its page: status, dates, source, verified,
with a reason kept on the history; bad input is refused beside its field, translated, with
nothing stored; a stale form is refused."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import override

from qorgau.errors import StaleVersion
from qorgau.legal import errors
from qorgau.legal.models import TreatyStatus
from qorgau.legal.services import treaty_status_change

pytestmark = pytest.mark.django_db


@pytest.fixture
def treaty(db):
    return TreatyStatus.objects.get(country__iso3="KAZ", instrument__code="1954_convention")


def _body(treaty, **changes):
    data = {"status": "signatory", "signed_on": "2001-05-10", "party_since": "",
            "source": "UN Treaty Collection", "verified": "on",
            "reason": "Checked against the depositary", "version": treaty.version}  # fmt: skip
    return data | changes


def test_a_manager_changes_a_status_and_the_history_keeps_the_reason(login, officer, treaty):
    client = login(officer)
    url = reverse("legal:treaty-status", args=[treaty.public_id])

    response = client.post(url, _body(treaty))

    assert response.status_code == 302
    row = TreatyStatus.objects.get(pk=treaty.pk)
    assert (row.status, row.signed_on, row.verified, row.version) == (
        "signatory",
        dt.date(2001, 5, 10),
        True,
        2,
    )
    assert row.history.first().history_change_reason == "Checked against the depositary"
    assert row.history.first().history_user == officer
    page = client.get(url).content.decode()
    assert "Checked against the depositary" in page


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [({"status": "not_party", "party_since": "2005-01-01"}, "party_since", errors.NO_PARTY_DATE),
     ({"status": "party", "signed_on": "2010-01-01", "party_since": "2005-01-01"}, "signed_on",
      errors.SIGNED_AFTER_PARTY),
     ({"signed_on": "1950-01-01"}, "signed_on", None),
     ({"signed_on": "2999-01-01"}, "signed_on", errors.FUTURE_DATE),
     ({"source": ""}, "source", errors.SOURCE_FOR_VERIFIED),
     ({"reason": " "}, "reason", None)],
)  # fmt: skip
def test_bad_input_is_refused_beside_its_field_in_russian(
    login, officer, treaty, changes, field, message
):
    client = login(officer)
    client.cookies["django_language"] = "ru"

    response = client.post(
        reverse("legal:treaty-status", args=[treaty.public_id]), _body(treaty, **changes)
    )

    assert response.status_code == 400
    assert field in response.context["form"].errors
    if message is not None:
        with override("ru"):
            assert str(message) in response.content.decode()
    assert TreatyStatus.objects.get(pk=treaty.pk).version == 1


def test_a_stale_change_is_refused(officer, treaty):
    values = {"status": "party", "signed_on": None, "party_since": dt.date(2003, 1, 1),
              "source": "", "verified": False, "reason": "First"}  # fmt: skip
    treaty_status_change(actor=officer, treaty_status=treaty, version=1, **values)

    with pytest.raises(StaleVersion):
        treaty_status_change(actor=officer, treaty_status=treaty, version=1, **values)
    with pytest.raises(ValidationError):
        treaty_status_change(
            actor=officer, treaty_status=treaty, version=2, **(values | {"reason": ""})
        )
    assert TreatyStatus.objects.get(pk=treaty.pk).version == 2


def test_the_country_page_links_managers_only(login, officer, stats, treaty):
    url = reverse("legal:treaty-status", args=[treaty.public_id])

    managers = login(officer).get(reverse("legal:country"), {"country": "KAZ"}).content.decode()
    readers = login(stats).get(reverse("legal:country"), {"country": "KAZ"}).content.decode()

    assert url in managers
    assert url not in readers


def test_a_stale_form_answers_409_with_the_message_above_it_in_kazakh(login, officer, treaty):
    """The shared form plumbing (``web.forms.form_submitted``): a stale version is a 409, not
    a field error, and nothing is stored."""
    client = login(officer)
    url = reverse("legal:treaty-status", args=[treaty.public_id])
    client.post(url, _body(treaty))
    client.cookies["django_language"] = "kk"

    response = client.post(url, _body(treaty, status="party", party_since="2003-01-01"))

    assert response.status_code == 409
    with override("kk"):
        assert str(errors.STALE_TREATY_STATUS) in response.context["form"].non_field_errors()
    assert TreatyStatus.objects.get(pk=treaty.pk).status == "signatory"
