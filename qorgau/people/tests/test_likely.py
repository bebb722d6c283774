"""Likely existing records shown before a registration is saved."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.urls import reverse

from qorgau.audit.models import AccessLog
from qorgau.organisations.models import Organisation, User
from qorgau.people.dates import PartialDate
from qorgau.people.likely import likely_evidence, likely_matches
from qorgau.people.models import Person
from qorgau.people.tests.factories import person_input


def test_it_finds_a_record_across_scripts_order_and_year_only_dates(
    clerk: User, agency: Organisation, make_person: Callable[..., Person]
) -> None:
    existing = make_person(
        clerk, agency, family_name="Сейтқазиев", given_name="Ерлан", date_of_birth="1984-03-09"
    )
    later = make_person(
        clerk, agency, family_name="Сейтқазиев", given_name="Ерлан", date_of_birth="1990"
    )
    make_person(clerk, agency, family_name="Ахметов", given_name="Ерлан", date_of_birth="1984")

    latin = person_input(family_name="Seitkaziev", given_name="Erlan", birth=PartialDate(1984))
    swapped = person_input(family_name="Erlan", given_name="Seitkaziyev", patronymic="")

    found = likely_matches(clerk, latin)
    assert [(m.person, m.disagreeing) for m in found] == [
        (existing, []),
        (later, ["years of birth differ by 6 years"]),
    ]
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


# The engine's other date levels (ADR 0040), one test each.

ERZHANOV = {"family_name": "Ержанов", "given_name": "Нұрлан", "patronymic": "Серікұлы"}


def test_a_year_only_date_more_than_five_years_off_is_shown_with_a_warning(
    clerk: User, agency: Organisation, make_person: Callable[..., Person]
) -> None:
    older = make_person(clerk, agency, **ERZHANOV, date_of_birth="1978-05-17")
    (found,) = likely_matches(clerk, person_input(**ERZHANOV, birth=PartialDate(1986)))
    assert found.person == older
    assert found.disagreeing == ["years of birth differ by 8 years"]
    assert found.score == 0


def test_a_1_january_placeholder_more_than_five_years_off_is_shown_with_a_warning(
    clerk: User, agency: Organisation, make_person: Callable[..., Person]
) -> None:
    make_person(clerk, agency, **ERZHANOV, date_of_birth="1976")
    typed = person_input(**ERZHANOV, birth=PartialDate(1984, 1, 1))
    assert [m.disagreeing for m in likely_matches(clerk, typed)] == [
        ["years of birth differ by 8 years"]
    ]


def test_an_estimated_age_up_to_five_years_off_is_no_evidence_against(
    clerk: User, agency: Organisation, make_person: Callable[..., Person]
) -> None:
    """Found (the year window is wider for an estimate) and ranked by what agrees."""
    near = make_person(clerk, agency, **ERZHANOV, date_of_birth="1981-06-02")
    make_person(clerk, agency, **ERZHANOV, date_of_birth="1975-06-02")
    found = likely_matches(clerk, person_input(**ERZHANOV, birth=PartialDate(1985)))
    assert (found[0].person, found[0].disagreeing) == (near, [])
    assert found[0].score > 0


def test_a_swapped_pair_of_year_digits_is_not_the_estimated_years_level(
    clerk: User, agency: Organisation, make_person: Callable[..., Person]
) -> None:
    existing = make_person(clerk, agency, **ERZHANOV, date_of_birth="1958")
    likely = likely_evidence(existing, person_input(**ERZHANOV, birth=PartialDate(1985, 3, 4)))
    assert likely.disagreeing == []


def test_twins_with_different_given_names_are_shown_with_a_warning(
    clerk: User, agency: Organisation, make_person: Callable[..., Person]
) -> None:
    twin = make_person(clerk, agency, **ERZHANOV, date_of_birth="1990-04-11")
    likely = likely_evidence(
        twin, person_input(**{**ERZHANOV, "given_name": "Айгерім"}, birth=PartialDate(1990, 4, 11))
    )
    assert likely.disagreeing == ["different given names, same family name and year of birth"]
    assert likely.score == 0


def test_the_siblings_level_spares_alike_or_left_out_given_names(
    clerk: User, agency: Organisation, make_person: Callable[..., Person]
) -> None:
    existing = make_person(
        clerk, agency, **{**ERZHANOV, "given_name": "Нұрлан Серік"}, date_of_birth="1990"
    )
    for given in ("Nurlan", "Нурлан", "Nurlan Serik", "Nurlen"):
        typed = person_input(**{**ERZHANOV, "given_name": given}, birth=PartialDate(1990))
        assert likely_evidence(existing, typed).disagreeing == [], given
    other_year = person_input(**{**ERZHANOV, "given_name": "Айгерім"}, birth=PartialDate(1991))
    assert likely_evidence(existing, other_year).disagreeing == []


def test_the_new_warnings_are_translated(
    clerk: User, agency: Organisation, make_person: Callable[..., Person]
) -> None:
    from django.utils import translation

    existing = make_person(clerk, agency, **ERZHANOV, date_of_birth="1990-04-11")
    sister = person_input(**{**ERZHANOV, "given_name": "Айгерім"}, birth=PartialDate(1990, 4, 11))
    estimate = person_input(**ERZHANOV, birth=PartialDate(1980))
    with translation.override("ru"):
        assert likely_evidence(existing, estimate).disagreeing == [
            "годы рождения различаются на 10 лет"
        ]
    with translation.override("kk"):
        (warning,) = likely_evidence(existing, sister).disagreeing
    assert warning != "different given names, same family name and year of birth"


def test_the_registration_page_shows_the_estimated_years_warning(
    clerk: User, agency: Organisation, make_person: Callable[..., Person], login: Callable[..., Any]
) -> None:
    existing = make_person(
        clerk, agency, family_name="Ержанов", given_name="Нұрлан", date_of_birth="1978-01-02"
    )
    form = {
        "principal-family_name": "Yerzhanov",
        "principal-given_name": "Nurlan",
        "principal-sex": "male",
        "principal-citizenship_status": "stateless",
        "principal-date_of_birth": "1986",
        "members-TOTAL_FORMS": "0",
        "members-INITIAL_FORMS": "0",
        "members-MIN_NUM_FORMS": "0",
        "members-MAX_NUM_FORMS": "20",
    }
    page = login(clerk).post(reverse("people:register"), form).content.decode()
    assert existing.registration_number in page
    assert "years of birth differ by 8 years" in page
    assert Person.objects.count() == 1
