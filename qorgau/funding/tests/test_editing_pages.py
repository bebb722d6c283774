"""The managers' funding pages beyond contributions and rates: adding a donor, setting a
requirement, correcting a contribution with a reason and its history. Managers of the agency
office edit; everyone else signed in is refused (403 without the permission, 404 for another
country's office); anonymous visitors log in; bad input is refused beside its field with
nothing stored."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils.translation import override

from qorgau.funding import errors
from qorgau.funding.models import Contribution, Donor, Requirement

DONOR = "/funding/donors/new/"
REQUIREMENT = "/funding/requirements/"


def _correct(contribution):
    return f"/funding/contributions/{contribution.public_id}/"


def _correction(contribution, **changes):
    data = {
        "amount": "300", "currency": "USD", "received_on": "2024-03-05",
        "earmarking": "softly", "area": "", "reason": "Bank statement shows 300",
        "version": str(contribution.version),
    }  # fmt: skip
    return data | changes


def _requirement(operation, area, **changes):
    data = {"operation": operation.pk, "year": "2024", "area": area.pk, "amount_usd": "5000",
            "version": "0"}  # fmt: skip
    return data | changes


@pytest.fixture
def contribution(give):
    return give("250", dt.date(2024, 3, 1))


def test_it_sends_anonymous_visitors_to_log_in(client, contribution):
    for path in (DONOR, REQUIREMENT, _correct(contribution)):
        response = client.get(path)
        assert response.status_code == 302
        assert "login" in response["Location"]
    assert client.post(_correct(contribution), _correction(contribution)).status_code == 302
    assert Contribution.objects.get().amount == Decimal("250.00")


@pytest.mark.parametrize("persona", ["clerk", "ngo_a", "ngo_b", "stats", "liaison"])
def test_readers_without_the_managers_permission_change_nothing(
    request, login, contribution, kaz_office, area, persona
):
    client = login(request.getfixturevalue(persona))

    assert client.get(DONOR).status_code == 403
    assert client.post(DONOR, {"name_en": "Otherland", "kind": "government"}).status_code == 403
    assert (
        client.post(REQUIREMENT, _requirement(kaz_office, area("statelessness"))).status_code == 403
    )
    assert client.post(_correct(contribution), _correction(contribution)).status_code == 403
    assert Contribution.objects.get().amount == Decimal("250.00")
    assert not Requirement.objects.exists()
    assert Donor.objects.count() == 1


def test_another_countrys_manager_cannot_correct_or_set_this_office(
    login, kgz_manager, contribution, kaz_office, area
):
    client = login(kgz_manager)

    assert client.get(_correct(contribution)).status_code == 404
    assert client.post(_correct(contribution), _correction(contribution)).status_code == 404
    refused = client.post(REQUIREMENT, _requirement(kaz_office, area("statelessness")))
    assert refused.status_code == 400
    assert "operation" in refused.context["form"].errors
    assert Contribution.objects.get().amount == Decimal("250.00")
    assert not Requirement.objects.exists()


def test_a_manager_corrects_a_contribution_and_its_history_keeps_the_reason(
    login, manager, contribution
):
    client = login(manager)

    response = client.post(_correct(contribution), _correction(contribution))

    assert response.status_code == 302
    row = Contribution.objects.get()
    assert (row.amount, row.earmarking, row.version) == (Decimal("300.00"), "softly", 2)
    assert row.history.first().history_change_reason == "Bank statement shows 300"
    assert row.history.first().history_user == manager
    page = client.get(_correct(row)).content.decode()
    assert "Bank statement shows 300" in page
    assert "250.00" in page or "250,00" in page


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [({"amount": "-5"}, "amount", errors.AMOUNT_NOT_POSITIVE),
     ({"amount": "ten"}, "amount", errors.AMOUNT_NOT_POSITIVE),
     ({"currency": "XYZ"}, "currency", None),
     ({"currency": "EUR"}, "currency", None),
     ({"received_on": "2023-12-31"}, "received_on", None),
     ({"reason": "  "}, "reason", errors.REASON_REQUIRED)],
)  # fmt: skip
def test_a_bad_correction_is_refused_beside_its_field_in_kazakh(
    login, manager, contribution, changes, field, message
):
    client = login(manager)
    client.cookies["django_language"] = "kk"

    response = client.post(_correct(contribution), _correction(contribution, **changes))

    assert response.status_code == 400
    assert field in response.context["form"].errors
    if message is not None:
        with override("kk"):
            assert str(message) in response.content.decode()
    assert Contribution.objects.get().version == 1


def test_a_stale_correction_is_refused(login, manager, contribution):
    client = login(manager)
    client.post(_correct(contribution), _correction(contribution))

    response = client.post(_correct(contribution), _correction(contribution, amount="999"))

    assert response.status_code == 409
    assert Contribution.objects.get().amount == Decimal("300.00")


def test_a_manager_adds_a_donor_and_a_second_of_the_same_name_is_refused(login, manager):
    client = login(manager)
    data = {"name_en": "Otherland", "name_ru": "Другляндия", "name_kk": "", "kind": "government",
            "country": ""}  # fmt: skip

    first = client.post(DONOR, data)
    second = client.post(DONOR, data)

    assert first.status_code == 302
    assert second.status_code == 400
    assert "name_en" in second.context["form"].errors
    donor = Donor.objects.get()
    assert (donor.name_ru, donor.name_kk) == ("Другляндия", "Otherland")


def test_a_manager_sets_and_changes_a_requirement_from_its_prefilled_form(
    login, manager, kaz_office, area
):
    client = login(manager)
    statelessness = area("statelessness")

    created = client.post(REQUIREMENT, _requirement(kaz_office, statelessness))
    form = client.get(
        REQUIREMENT, {"operation": kaz_office.pk, "year": 2024, "area": statelessness.pk}
    ).context["form"]
    changed = client.post(
        REQUIREMENT,
        _requirement(kaz_office, statelessness, amount_usd="7000", version=form.initial["version"]),
    )

    assert (created.status_code, changed.status_code) == (302, 302)
    assert form.initial["amount_usd"] == Decimal("5000.00")
    row = Requirement.objects.get()
    assert (row.amount_usd, row.version) == (Decimal("7000.00"), 2)


@pytest.mark.parametrize(
    ("amount", "message"),
    [("-1", errors.AMOUNT_NEGATIVE), ("lots", errors.AMOUNT_NOT_POSITIVE)],
)
def test_a_bad_requirement_is_refused_in_russian(login, manager, kaz_office, area, amount, message):
    client = login(manager)
    client.cookies["django_language"] = "ru"

    response = client.post(
        REQUIREMENT, _requirement(kaz_office, area("statelessness"), amount_usd=amount)
    )

    assert response.status_code == 400
    assert "amount_usd" in response.context["form"].errors
    with override("ru"):
        assert str(message) in response.content.decode()
    assert not Requirement.objects.exists()


def test_the_overview_links_managers_to_the_corrections(login, manager, stats, contribution):
    query = {"operation": "RCA", "year": 2024, "as_of": "2024-12-31"}

    managers = login(manager).get("/funding/", query).content.decode()
    readers = login(stats).get("/funding/", query).content.decode()

    assert _correct(contribution) in managers
    assert _correct(contribution) not in readers
    assert REQUIREMENT in managers
    assert REQUIREMENT not in readers


def _opened(client, operation, area):
    """The requirement form opened from the overview's link for ``area``: its hidden fields."""
    form = client.get(
        REQUIREMENT, {"operation": operation.pk, "year": 2024, "area": area.pk}
    ).context["form"]
    return {"version": form.initial["version"], "editing": form.initial.get("editing") or ""}


def test_switching_the_form_to_an_area_that_has_a_requirement_names_the_area_in_russian(
    login, manager, kaz_office, area
):
    """Issue 19: not a misleading 409 "someone else changed this record", but a field error
    (400) naming the area, and nothing stored."""
    statelessness, protection = area("statelessness"), area("refugee_protection")
    client = login(manager)
    client.post(REQUIREMENT, _requirement(kaz_office, statelessness))
    client.post(REQUIREMENT, _requirement(kaz_office, protection, amount_usd="9000"))
    client.cookies["django_language"] = "ru"

    opened = _opened(client, kaz_office, statelessness)
    switched = client.post(
        REQUIREMENT, _requirement(kaz_office, protection, amount_usd="1", **opened)
    )
    from_new = client.post(REQUIREMENT, _requirement(kaz_office, protection, amount_usd="2"))

    for response in (switched, from_new):
        assert response.status_code == 400
        assert "area" in response.context["form"].errors
        with override("ru"):
            assert protection.name_ru in str(response.context["form"].errors["area"])
    amounts = dict(Requirement.objects.values_list("area__code", "amount_usd"))
    assert amounts == {
        "statelessness": Decimal("5000.00"),
        "refugee_protection": Decimal("9000.00"),
    }


def test_switching_the_form_to_an_area_without_one_sets_a_new_requirement(
    login, manager, kaz_office, area
):
    statelessness = area("statelessness")
    client = login(manager)
    client.post(REQUIREMENT, _requirement(kaz_office, statelessness))

    opened = _opened(client, kaz_office, statelessness)
    response = client.post(
        REQUIREMENT, _requirement(kaz_office, area("durable_solutions"), amount_usd="3", **opened)
    )

    assert response.status_code == 302
    amounts = dict(Requirement.objects.values_list("area__code", "amount_usd"))
    assert amounts == {"statelessness": Decimal("5000.00"), "durable_solutions": Decimal("3.00")}


def test_a_stale_requirement_edit_is_still_a_409(login, manager, kaz_office, area):
    statelessness = area("statelessness")
    client = login(manager)
    client.post(REQUIREMENT, _requirement(kaz_office, statelessness))
    opened = _opened(client, kaz_office, statelessness)
    client.post(REQUIREMENT, _requirement(kaz_office, statelessness, amount_usd="6", **opened))

    response = client.post(
        REQUIREMENT, _requirement(kaz_office, statelessness, amount_usd="7", **opened)
    )

    assert response.status_code == 409
    assert Requirement.objects.get().amount_usd == Decimal("6.00")
