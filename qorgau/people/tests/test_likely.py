"""Likely existing records shown before a registration is saved."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.urls import reverse

from qorgau.audit.models import AccessLog
from qorgau.organisations.models import Organisation, User
from qorgau.people.dates import PartialDate
from qorgau.people.likely import likely_matches
from qorgau.people.models import Person
from qorgau.people.tests.factories import person_input


def test_it_finds_a_record_across_scripts_order_and_year_only_dates(
    clerk: User, agency: Organisation, make_person: Callable[..., Person]
) -> None:
    existing = make_person(
        clerk, agency, family_name="Сейтқазиев", given_name="Ерлан", date_of_birth="1984-03-09"
    )
    make_person(clerk, agency, family_name="Сейтқазиев", given_name="Ерлан", date_of_birth="1990")
    make_person(clerk, agency, family_name="Ахметов", given_name="Ерлан", date_of_birth="1984")

    latin = person_input(family_name="Seitkaziev", given_name="Erlan", birth=PartialDate(1984))
    swapped = person_input(family_name="Erlan", given_name="Seitkaziyev", patronymic="")

    assert [m.person for m in likely_matches(clerk, latin)] == [existing]
    assert existing in [m.person for m in likely_matches(clerk, swapped)]


def test_it_shows_only_records_the_clerk_may_see(
    ngo_a: User, ngo_a_org: Organisation, ngo_b: User, make_person: Callable[..., Person]
) -> None:
    make_person(ngo_a, ngo_a_org)
    assert likely_matches(ngo_b, person_input()) == []
    assert len(likely_matches(ngo_a, person_input())) == 1


def test_the_registration_page_shows_matches_before_saving_and_registers_anyway(
    clerk: User, agency: Organisation, make_person: Callable[..., Person], login: Callable[..., Any]
) -> None:
    existing = make_person(clerk, agency)
    form = {
        "principal-family_name": "Seitkaziev",
        "principal-given_name": "Erlan",
        "principal-sex": "male",
        "principal-citizenship_status": "stateless",
        "principal-date_of_birth": "1984",
        "members-TOTAL_FORMS": "0",
        "members-INITIAL_FORMS": "0",
        "members-MIN_NUM_FORMS": "0",
        "members-MAX_NUM_FORMS": "20",
    }
    client = login(clerk)

    first = client.post(reverse("people:register"), form)
    assert first.status_code == 200
    assert existing.registration_number in first.content.decode()
    assert Person.objects.count() == 1
    assert AccessLog.objects.filter(action="match", object_id=existing.public_id).exists()

    second = client.post(reverse("people:register"), {**form, "checked_matches": "1"})
    assert second.status_code == 302
    assert Person.objects.count() == 2


def test_a_namesake_born_years_apart_is_never_shown_without_a_warning(
    clerk: User, agency: Organisation, make_person: Callable[..., Person]
) -> None:
    """The engine's date rule (ADR 0040): full dates more than a year apart disagree."""
    names = {"family_name": "Ержанов", "given_name": "Нұрлан", "patronymic": "Серікұлы"}
    make_person(clerk, agency, **names, date_of_birth="1966-05-17")
    near = make_person(clerk, agency, **names, date_of_birth="1985-01-02")
    same = make_person(clerk, agency, **names, date_of_birth="1986")
    typed = person_input(**names, birth=PartialDate(1986, 12, 30))

    found = likely_matches(clerk, typed)

    assert [m.person for m in found] == [same, near]
    assert found[0].disagreeing == []
    assert found[1].disagreeing == ["dates of birth differ by 1 year"]
    assert (
        likely_matches(clerk, person_input(**names, birth=PartialDate(1966, 6, 1)))[0].disagreeing
        == []
    )


def test_the_date_warning_is_translated(
    clerk: User, agency: Organisation, make_person: Callable[..., Person]
) -> None:
    from django.utils import translation

    names = {"family_name": "Ержанов", "given_name": "Нұрлан"}
    make_person(clerk, agency, **names, date_of_birth="1984-01-05")
    with translation.override("ru"):
        (found,) = likely_matches(clerk, person_input(**names, birth=PartialDate(1985, 12, 20)))
    assert found.disagreeing == ["даты рождения различаются на 1 год"]


def test_the_registration_page_shows_the_date_warning(
    clerk: User, agency: Organisation, make_person: Callable[..., Person], login: Callable[..., Any]
) -> None:
    existing = make_person(
        clerk, agency, family_name="Ержанов", given_name="Нұрлан", date_of_birth="1985-01-02"
    )
    form = {
        "principal-family_name": "Yerzhanov",
        "principal-given_name": "Nurlan",
        "principal-sex": "male",
        "principal-citizenship_status": "stateless",
        "principal-date_of_birth": "30.12.1986",
        "members-TOTAL_FORMS": "0",
        "members-INITIAL_FORMS": "0",
        "members-MIN_NUM_FORMS": "0",
        "members-MAX_NUM_FORMS": "20",
    }
    page = login(clerk).post(reverse("people:register"), form).content.decode()
    assert existing.registration_number in page
    assert "dates of birth differ by 1 year" in page
    assert Person.objects.count() == 1
