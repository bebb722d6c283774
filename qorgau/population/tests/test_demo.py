import pytest
from django.core.management import call_command

from qorgau.organisations.models import Membership, Organisation
from qorgau.people.models import Household, LegalStatusPeriod, Person

pytestmark = pytest.mark.django_db


def test_it_loads_a_demo_population_once(capsys):
    call_command("demo")
    people, households = Person.objects.count(), Household.objects.count()

    call_command("demo")

    assert people >= 200
    assert Person.objects.count() == people
    assert Household.objects.count() == households
    assert "unhcr-kaz.registration-clerk" in capsys.readouterr().out


def test_it_gives_every_demo_person_a_current_status_and_a_household():
    call_command("demo")

    assert not Person.objects.filter(household__isnull=True).exists()
    open_periods = LegalStatusPeriod.objects.filter(effective_to__isnull=True)
    assert open_periods.count() == Person.objects.count()


def test_it_seeds_the_partners_of_the_fact_sheet_with_users():
    call_command("demo")

    names = set(Organisation.objects.values_list("name", flat=True))
    assert "Kazakhstan Red Crescent Society" in names
    assert "Border Guards Service" in names
    for organisation in Organisation.objects.all():
        assert Membership.objects.filter(organisation=organisation).exists()
