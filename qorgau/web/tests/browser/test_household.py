"""Households in a real browser: a clerk registers a household of five, adding member blocks on
the page (and removing one added by mistake); later a member joins and the principal applicant
changes on the household page; the register page on a phone."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings

from qorgau.organisations.models import Organisation, User
from qorgau.people.models import Household, Person, Relationship
from qorgau.people.services.households import MemberInput, household_register
from qorgau.people.services.persons import person_create
from qorgau.people.tests.factories import person_input
from qorgau.reference.models import Country, Region
from qorgau.web.tests.browser.conftest import session_cookie
from qorgau.web.tests.browser.pages import DESK, PHONE, axe_serious, scrolls_sideways

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

REGISTER_BUTTON = "main form button[type=submit]:not([name])"
ADDRESS = "Алматы, Абай даңғылы 10"


def _member(page: Any, index: int, **values: str) -> None:
    prefix = f"#id_members-{index}-"
    for name in ("family_name", "given_name", "date_of_birth", "address"):
        if name in values:
            page.fill(prefix + name, values[name])
    for name in ("sex", "relationship", "citizenship_status"):
        if name in values:
            page.select_option(prefix + name, values[name])


def _add_block(page: Any, index: int) -> None:
    page.click("#add-member")
    page.locator(f"#id_members-{index}-given_name").wait_for()


@pytest.mark.parametrize("language", ["en", "kk", "ru"])
def test_it_registers_a_household_of_five(open_page: Any, clerk: User, language: str) -> None:
    afghanistan = Country.objects.get(iso3="AFG")
    region = Region.objects.filter(country__iso3="KAZ").order_by("pk").first()
    assert region is not None
    page = open_page(clerk, language=language)

    page.goto("/people/register/")
    page.fill("#id_principal-family_name", "Рахимов")
    page.fill("#id_principal-given_name", "Фарид")
    page.select_option("#id_principal-sex", "male")
    page.fill("#id_principal-date_of_birth", "1981")
    page.select_option("#id_principal-citizenship_status", "citizen")
    page.select_option("#id_principal-citizenship_country", str(afghanistan.pk))
    page.select_option("#id_principal-origin_country", str(afghanistan.pk))
    page.fill("#id_principal-address", ADDRESS)
    page.select_option("#id_principal-region", str(region.pk))
    _member(page, 0, given_name="Малалай", sex="female", relationship="wife")
    _member(page, 1, given_name="Ахмад", sex="male", relationship="son", date_of_birth="2012")
    _add_block(page, 2)
    # The new block's first field takes the focus.
    page.wait_for_function("document.activeElement.id === 'id_members-2-family_name'")
    _member(page, 2, given_name="Зарина", sex="female", relationship="daughter")
    _add_block(page, 3)
    _member(page, 3, given_name="Лайло", sex="female", relationship="mother")
    _add_block(page, 4)
    _member(page, 4, given_name="Лишний", sex="male", relationship="not_related")
    page.locator("fieldset.member").nth(4).locator(".member-remove").click()
    assert page.locator("fieldset.member").count() == 4
    assert page.input_value("#id_members-TOTAL_FORMS") == "4"
    # The mother lives elsewhere and is stateless: her own values, not the principal's.
    _member(page, 3, citizenship_status="stateless", address="Қонаев, Наурыз 5")
    assert axe_serious(page) == []
    page.click(REGISTER_BUTTON)

    page.wait_for_url("**/people/*/")
    assert axe_serious(page) == []
    household = Household.objects.get()
    members = {p.given_name: p for p in household.members.all()}
    assert {name: p.relationship for name, p in members.items()} == {
        "Фарид": "principal",
        "Малалай": "wife",
        "Ахмад": "son",
        "Зарина": "daughter",
        "Лайло": "mother",
    }
    for name in ("Малалай", "Ахмад", "Зарина"):
        member = members[name]
        assert (member.citizenship_status, member.citizenship_country) == ("citizen", afghanistan)
        assert (member.origin_country, member.address, member.region) == (
            afghanistan,
            ADDRESS,
            region,
        )
    mother = members["Лайло"]
    assert (mother.citizenship_status, mother.citizenship_country) == ("stateless", None)
    assert (mother.address, mother.origin_country) == ("Қонаев, Наурыз 5", afghanistan)
    assert Person.objects.count() == 5


def test_it_adds_a_member_block_without_javascript(
    browser: Any, live_server: Any, clerk: User
) -> None:
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, locale="ru", viewport=DESK
    )
    context.add_cookies(
        [
            {"name": name, "value": value, "url": live_server.url}
            for name, value in [
                (settings.SESSION_COOKIE_NAME, session_cookie(clerk)),
                (settings.LANGUAGE_COOKIE_NAME, "ru"),
            ]
        ]
    )
    page = context.new_page()
    try:
        page.goto("/people/register/")
        assert not page.locator(".member-remove").first.is_visible()
        page.fill("#id_principal-given_name", "Фарид")
        page.select_option("#id_principal-sex", "male")
        page.select_option("#id_principal-citizenship_status", "stateless")
        _member(page, 0, given_name="Малалай", sex="female", relationship="wife")
        _member(page, 1, given_name="Ахмад", sex="male", relationship="son")
        page.click("#add-member")

        page.locator("#id_members-2-given_name").wait_for()
        assert page.input_value("#id_members-0-given_name") == "Малалай"
        assert page.input_value("#id_principal-given_name") == "Фарид"
        assert page.locator("#error-summary").count() == 0
        _member(page, 2, given_name="Зарина", sex="female", relationship="daughter")
        page.click(REGISTER_BUTTON)

        page.wait_for_url("**/people/*/")
        household = Household.objects.get()
        assert sorted(household.members.values_list("given_name", flat=True)) == sorted(
            ["Фарид", "Малалай", "Ахмад", "Зарина"]
        )
    finally:
        context.close()


def test_member_blocks_work_under_the_pages_own_csp(
    browser: Any, live_server: Any, clerk: User
) -> None:
    """The other tests bypass the CSP to inject axe-core; here htmx and household.js run under
    the page's own policy, and the browser reports no refusal."""
    context = browser.new_context(base_url=live_server.url, locale="kk", viewport=DESK)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": session_cookie(clerk),
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    try:
        page.goto("/people/register/")
        page.click("#add-member")
        page.locator("#id_members-2-given_name").wait_for()
        page.locator("fieldset.member").nth(1).locator(".member-remove").click()

        assert page.input_value("#id_members-TOTAL_FORMS") == "2"
        assert page.locator("#id_members-1-given_name").count() == 1
        assert (
            page.locator("fieldset.member legend")
            .nth(1)
            .inner_text()
            .startswith("Үй шаруашылығының 2-")
        )
        assert console == []
    finally:
        context.close()


def _family(clerk: User) -> tuple[Household, Person]:
    agency = Organisation.objects.get(code="agency-kaz")
    household = household_register(
        actor=clerk,
        organisation=agency,
        members=[
            MemberInput(person_input(given_name="Фарид", address=ADDRESS), Relationship.PRINCIPAL),
            MemberInput(person_input(given_name="Малалай", sex="female"), Relationship.WIFE),
        ],
    )
    loose = person_create(actor=clerk, organisation=agency, data=person_input(given_name="Сардор"))
    return household, loose


@pytest.mark.parametrize("language", ["en", "ru"])
def test_it_adds_members_later_and_changes_the_principal(
    open_page: Any, clerk: User, language: str
) -> None:
    household, loose = _family(clerk)
    principal = household.members.get(relationship=Relationship.PRINCIPAL)
    wife = household.members.get(relationship=Relationship.WIFE)
    page = open_page(clerk, language=language)

    page.goto(f"/people/{principal.public_id}/")
    page.click(f"a[href='/households/{household.public_id}/']")
    page.wait_for_url(f"**/households/{household.public_id}/")
    assert axe_serious(page) == []

    # A person registered before joins by registration number.
    page.fill("#id_add-registration_number", loose.registration_number)
    page.select_option("#id_add-relationship", "brother")
    page.click("form[action$='/members/add/'] button[type=submit]")
    page.locator(".messages li.success").wait_for()
    loose.refresh_from_db()
    assert (loose.household_id, loose.relationship) == (household.pk, "brother")

    # A new person is registered into the household and takes the principal's address.
    page.click(f"a[href='/households/{household.public_id}/members/new/']")
    page.fill("#id_given_name", "Нилуфар")
    page.select_option("#id_sex", "female")
    page.select_option("#id_relationship", "daughter")
    assert axe_serious(page) == []
    page.click("main form button[type=submit]")
    page.wait_for_url(f"**/households/{household.public_id}/")
    daughter = household.members.get(given_name="Нилуфар")
    assert (daughter.relationship, daughter.address) == ("daughter", ADDRESS)

    # The wife becomes the principal applicant; the former one is her husband.
    page.select_option("#id_principal-person", str(wife.public_id))
    page.select_option("#id_principal-former_principal_relationship", "husband")
    page.click("form[action$='/principal/'] button[type=submit]")
    page.locator(".messages li.success").wait_for()
    assert axe_serious(page) == []
    principal.refresh_from_db()
    wife.refresh_from_db()
    assert (wife.relationship, principal.relationship) == ("principal", "husband")
    assert household.members.filter(relationship=Relationship.PRINCIPAL).count() == 1
    assert household.members.count() == 4


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_register_page_fits_a_phone(open_page: Any, clerk: User, language: str) -> None:
    page = open_page(clerk, language=language, viewport=PHONE)

    page.goto("/people/register/")
    assert page.locator("fieldset.member").count() == 2
    assert not scrolls_sideways(page)
    assert axe_serious(page) == []


def test_the_household_page_fits_a_phone(open_page: Any, clerk: User) -> None:
    household, _ = _family(clerk)
    page = open_page(clerk, language="kk", viewport=PHONE)

    page.goto(f"/households/{household.public_id}/")
    assert not scrolls_sideways(page)
    assert axe_serious(page) == []
