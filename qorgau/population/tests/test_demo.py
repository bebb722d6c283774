import pytest
from django.core.management import call_command

from qorgau.help.models import HelpPage
from qorgau.organisations.models import Membership, Organisation
from qorgau.people.models import Household, Person

pytestmark = pytest.mark.django_db


def test_it_loads_the_demo_once(capsys):
    call_command("demo", country=["TKM"])
    people, households = Person.objects.count(), Household.objects.count()

    call_command("demo", country=["TKM"])

    assert people > 300
    assert Person.objects.count() == people
    assert Household.objects.count() == households
    out = capsys.readouterr().out
    assert "unhcr-kaz.registration-clerk" in out
    assert "0 people added" in out


def test_it_seeds_the_partners_of_the_fact_sheet_with_users():
    call_command("demo", country=["TKM"])

    names = set(Organisation.objects.values_list("name", flat=True))
    assert "Kazakhstan Red Crescent Society" in names
    assert "Border Guards Service" in names
    for organisation in Organisation.objects.all():
        assert Membership.objects.filter(organisation=organisation).exists()


def test_it_publishes_the_help_sites_pages_once():
    call_command("demo", country=["TKM"])
    call_command("demo", country=["TKM"])

    pages = set(HelpPage.objects.filter(published=True).values_list("language", "slug"))
    assert len(pages) == HelpPage.objects.count() == 23
    assert {("fa", "border"), ("uk", "hotline"), ("kk", "rights")} <= pages
