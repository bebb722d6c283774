"""Changing and removing a donor, correcting an exchange rate (issue 19): managers of an agency
office only (donors and rates are shared by every operation, so any of them); anyone else,
another organisation's staff or a holder of a view-only share included, is refused and nothing
changes. Edits carry the version (409 on a stale one), the reason of a rate's correction is
kept in its history, a donor who gave is kept, and the rate page shows what a correction
changes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils.translation import override

from qorgau.errors import Invalid, NotAllowed, StaleVersion
from qorgau.funding import errors, services
from qorgau.funding.models import Donor, DonorKind, ExchangeRate
from qorgau.funding.selectors import rate_effect
from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import user_make
from qorgau.people.tests.factories import share_grant_agreed

OUTSIDERS = ["clerk", "ngo_a", "ngo_b", "stats", "liaison"]


@pytest.fixture
def spare(manager) -> Donor:
    """A donor without contributions: one recorded by mistake."""
    return services.donor_create(
        actor=manager, name_en="Sparia", name_ru="", name_kk="", kind=DonorKind.GOVERNMENT
    )


@pytest.fixture
def eur(manager) -> ExchangeRate:
    return services.exchange_rate_record(
        actor=manager, currency="EUR", valid_from=dt.date(2024, 3, 1), units_per_usd="0.5"
    )


def _edit(donor):
    return reverse("funding:donor_edit", args=[donor.public_id])


def _remove(donor):
    return reverse("funding:donor_remove", args=[donor.public_id])


def _correct(rate):
    return reverse("funding:rate_correct", args=[rate.public_id])


def _donor_body(donor, **changes):
    data = {"name_en": "Newland", "name_ru": "Новляндия", "name_kk": "Жаңаландия",
            "kind": "government", "country": "", "version": str(donor.version)}  # fmt: skip
    return data | changes


def _rate_body(rate, **changes):
    data = {"units_per_usd": "0.8", "reason": "UN rate of March", "version": str(rate.version)}
    return data | changes


def _unchanged(donor, spare, eur):
    assert Donor.objects.get(pk=donor.pk).name_en == "Testland"
    assert Donor.objects.get(pk=spare.pk).version == 1
    assert ExchangeRate.objects.get(pk=eur.pk).units_per_usd == Decimal("0.5")


def test_it_sends_anonymous_visitors_to_log_in(client, donor, spare, eur):
    for path in (_edit(donor), _remove(spare), _correct(eur)):
        assert "login" in client.get(path)["Location"]
    client.post(_edit(donor), _donor_body(donor))
    client.post(_remove(spare), {"version": "1"})
    client.post(_correct(eur), _rate_body(eur))
    _unchanged(donor, spare, eur)


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_other_organisations_and_readers_reach_nothing_and_change_nothing(
    request, login, donor, spare, eur, persona
):
    client = login(request.getfixturevalue(persona))

    for path in (_edit(donor), _remove(spare), _correct(eur)):
        assert client.get(path).status_code in (403, 404)
    assert client.post(_edit(donor), _donor_body(donor)).status_code in (403, 404)
    assert client.post(_remove(spare), {"version": "1"}).status_code in (403, 404)
    assert client.post(_correct(eur), _rate_body(eur)).status_code in (403, 404)
    _unchanged(donor, spare, eur)


def test_a_share_holder_of_the_agencys_records_still_writes_nothing(
    login, manager, agency, ngo_b, ngo_b_org, make_person, donor, spare, eur
):
    person = make_person(manager, agency)
    share_grant_agreed(
        actor=manager, recipient=ngo_b_org, agreement="DTA-1", purpose="Legal counselling",
        expires_on=dt.date.today() + dt.timedelta(days=30), person=person,
    )  # fmt: skip
    client = login(ngo_b)

    assert client.get(reverse("people:detail", args=[person.public_id])).status_code == 200
    assert client.post(_edit(donor), _donor_body(donor)).status_code in (403, 404)
    assert client.post(_remove(spare), {"version": "1"}).status_code in (403, 404)
    assert client.post(_correct(eur), _rate_body(eur)).status_code in (403, 404)
    with pytest.raises(NotAllowed):
        services.donor_update(actor=ngo_b, donor=donor, **_service_donor())
    with pytest.raises(NotAllowed):
        services.exchange_rate_correct(
            actor=ngo_b, rate=eur, version=1, units_per_usd="0.8", reason="x"
        )
    _unchanged(donor, spare, eur)


def _service_donor():
    return {"version": 1, "name_en": "Newland", "name_ru": "", "name_kk": "", "kind": "government"}


def test_another_countrys_manager_also_keeps_the_shared_donors_and_rates(
    login, agency_kgz, donor, eur
):
    """Donors and rates are shared by every operation: any agency office's manager edits."""
    kgz_manager = user_make("kgz-manager", agency_kgz, Role.PROTECTION_OFFICER)
    client = login(kgz_manager)

    assert client.get(_edit(donor)).status_code == 200
    assert client.post(_correct(eur), _rate_body(eur)).status_code == 302
    assert ExchangeRate.objects.get(pk=eur.pk).history.first().history_user == kgz_manager


def test_a_manager_changes_a_donor_and_the_change_is_in_its_history(login, manager, donor):
    client = login(manager)

    response = client.post(_edit(donor), _donor_body(donor))

    assert response.status_code == 302
    row = Donor.objects.get(pk=donor.pk)
    assert (row.name_en, row.name_kk, row.version) == ("Newland", "Жаңаландия", 2)
    assert row.history.first().history_user == manager
    assert row.history.first().history_change_reason == "donor changed"
    assert "Newland" in client.get(reverse("funding:donor_new")).content.decode()


def test_a_stale_donor_change_is_refused_and_a_taken_name_beside_the_field(
    login, manager, donor, spare
):
    client = login(manager)
    client.post(_edit(donor), _donor_body(donor))

    stale = client.post(_edit(donor), _donor_body(donor, name_en="Otherland"))
    taken = client.post(_edit(spare), _donor_body(spare))

    assert stale.status_code == 409
    assert taken.status_code == 400
    assert "name_en" in taken.context["form"].errors
    assert Donor.objects.get(pk=donor.pk).name_en == "Newland"
    assert Donor.objects.get(pk=spare.pk).name_en == "Sparia"


def test_a_donor_recorded_by_mistake_is_removed_and_its_history_kept(login, manager, spare):
    client = login(manager)

    response = client.post(_remove(spare), {"version": "1"})

    assert response.status_code == 302
    assert not Donor.objects.filter(pk=spare.pk).exists()
    assert Donor.history.filter(id=spare.pk, history_type="-").get().history_user == manager


def test_a_donor_who_gave_is_kept_with_a_message_in_kazakh(login, manager, donor, give):
    give("250", dt.date(2024, 3, 1))
    client = login(manager)
    client.cookies["django_language"] = "kk"

    response = client.post(_remove(donor), {"version": "1"})

    assert response.status_code == 400
    with override("kk"):
        expected = str(errors.DONOR_IN_USE) % {"donor": donor.name, "count": 1}
    assert expected in response.content.decode()
    assert Donor.objects.filter(pk=donor.pk).exists()
    with pytest.raises(Invalid) as refused:
        services.donor_remove(actor=manager, donor=donor, version=1)
    assert refused.value.code == "donor_in_use"


def test_the_donors_page_links_each_donor_to_its_change_and_only_unused_ones_to_removal(
    login, manager, donor, spare, give
):
    give("250", dt.date(2024, 3, 1))

    page = login(manager).get(reverse("funding:donor_new")).content.decode()

    assert _edit(donor) in page
    assert _edit(spare) in page
    assert _remove(spare) in page
    assert _remove(donor) not in page


def test_a_corrected_rate_shows_its_effect_on_the_converted_totals(login, manager, eur, give):
    give("100", dt.date(2024, 3, 5), currency="EUR")
    give("50", dt.date(2024, 3, 20), currency="EUR")
    give("70", dt.date(2024, 4, 2), currency="USD")
    client = login(manager)

    page = client.get(_correct(eur))
    response = client.post(_correct(eur), _rate_body(eur), follow=True)

    assert page.status_code == 200
    assert page.context["effect"].total_usd == Decimal("300.00")  # 150 EUR at 0.5
    assert response.status_code == 200
    shown = response.content.decode()
    assert "USD 187.50 instead of USD 300.00" in shown  # 150 EUR at 0.8
    row = ExchangeRate.objects.get(pk=eur.pk)
    assert (row.units_per_usd, row.version) == (Decimal("0.8"), 2)
    assert row.history.first().history_change_reason == "UN rate of March"
    assert "UN rate of March" in client.get(_correct(row)).content.decode()
    overview = client.get("/funding/", {"operation": "KAZ", "year": 2024, "as_of": "2024-12-31"})
    assert overview.context["share"].funded_usd == Decimal("257.50")


def test_a_later_rate_of_the_month_takes_its_contributions_out_of_the_effect(manager, eur, give):
    give("100", dt.date(2024, 3, 5), currency="EUR")
    services.exchange_rate_record(
        actor=manager, currency="EUR", valid_from=dt.date(2024, 3, 15), units_per_usd="0.25"
    )
    give("50", dt.date(2024, 3, 20), currency="EUR")

    assert [line.usd for line in rate_effect(eur).contributions] == [Decimal("200.00")]


@pytest.mark.parametrize(
    ("changes", "message"),
    [({"units_per_usd": "-1"}, errors.RATE_NOT_POSITIVE),
     ({"units_per_usd": "abc"}, errors.RATE_NOT_POSITIVE),
     ({"units_per_usd": "0.123456789"}, errors.RATE_OUT_OF_RANGE),
     ({"units_per_usd": "0.5"}, errors.RATE_UNCHANGED),
     ({"reason": "  "}, errors.REASON_REQUIRED)],
)  # fmt: skip
def test_a_bad_rate_correction_is_refused_beside_its_field_in_russian(
    login, manager, eur, changes, message
):
    client = login(manager)
    client.cookies["django_language"] = "ru"

    response = client.post(_correct(eur), _rate_body(eur, **changes))

    assert response.status_code == 400
    field = "reason" if "reason" in changes else "units_per_usd"
    assert field in response.context["form"].errors
    with override("ru"):
        assert str(message) in response.content.decode()
    assert ExchangeRate.objects.get(pk=eur.pk).version == 1


def test_a_stale_rate_correction_is_refused(login, manager, eur):
    client = login(manager)
    client.post(_correct(eur), _rate_body(eur))

    response = client.post(_correct(eur), _rate_body(eur, units_per_usd="0.9"))

    assert response.status_code == 409
    assert ExchangeRate.objects.get(pk=eur.pk).units_per_usd == Decimal("0.8")
    with pytest.raises(StaleVersion):
        services.exchange_rate_correct(
            actor=manager, rate=eur, version=1, units_per_usd="0.7", reason="again"
        )


def test_the_rates_page_links_each_rate_to_its_correction(login, manager, eur, stats):
    assert _correct(eur) in login(manager).get(reverse("funding:rate_new")).content.decode()
    assert login(stats).get(reverse("funding:rate_new")).status_code == 403


def test_the_lists_do_not_grow_their_queries_with_their_rows(
    login, manager, donor, eur, give, list_queries
):
    give("250", dt.date(2024, 3, 1))
    client = login(manager)

    def donors():
        for i in range(12):
            services.donor_create(
                actor=manager, name_en=f"Land {i}", name_ru="", name_kk="", kind="government"
            )

    def rates():
        for i in range(12):
            services.exchange_rate_record(
                actor=manager, currency="EUR", valid_from=dt.date(2024, 1, 1 + i),
                units_per_usd="0.9",
            )  # fmt: skip

    few, many = list_queries(client, reverse("funding:donor_new"), grow=donors)
    assert few == many
    few, many = list_queries(client, reverse("funding:rate_new"), grow=rates)
    assert few == many


def test_a_rate_typed_with_a_decimal_comma_on_a_russian_page_is_read_as_written(
    login, manager, eur
):
    client = login(manager)
    client.cookies["django_language"] = "ru"

    response = client.post(_correct(eur), _rate_body(eur, units_per_usd="0,8"))

    assert response.status_code == 302
    assert ExchangeRate.objects.get(pk=eur.pk).units_per_usd == Decimal("0.8")
