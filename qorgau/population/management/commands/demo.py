"""``qorgau demo``: organisations, one demo user per role and organisation, and the synthetic
population (Kazakhstan calibrated to the fact sheet, the other four countries scaled)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from qorgau.organisations.models import User
from qorgau.pledges.services import pledges_seed
from qorgau.population import plan
from qorgau.population.cases import demo_cases_seed
from qorgau.population.desk import hotline_demo_seed, referrals_demo_seed
from qorgau.population.funding import funding_demo_actor, funding_demo_seed
from qorgau.population.generator import Context, country_generated, generate_country
from qorgau.population.help_pages import help_pages_seed
from qorgau.population.organisations import DEMO_PASSWORD, demo_users_seed, organisations_seed
from qorgau.population.partners import partner_agreements_seed, partner_profiles_seed
from qorgau.statistics.services import factsheet_seed
from qorgau.twofactor.policy import two_factor_required


class Command(BaseCommand):
    help = "Load the demo organisations, users and synthetic population (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=2024, help="Seed of the population.")
        parser.add_argument(
            "--country",
            action="append",
            choices=plan.COUNTRIES,
            help="Generate only these countries (default: all five).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        organisations = organisations_seed()
        logins = demo_users_seed(organisations)
        factsheet_seed()  # the 2024 fact sheet's texts and contacts
        funding_demo_seed(funding_demo_actor(organisations["unhcr-kaz"]))  # 2024: 45% funded
        partner_profiles_seed(organisations)  # the fact sheet's partners in the directory
        partner_agreements_seed(organisations, timezone.localdate())  # shares need one in force
        help_pages_seed(organisations)  # the public help site's pages, published
        pledges_seed()  # Kazakhstan's five 2023 Global Refugee Forum pledges
        context = Context.load()
        added = 0
        for country in options["country"] or plan.COUNTRIES:
            if country_generated(country):
                continue
            for totals in generate_country(
                context, country, plan.plan((country,)), seed=options["seed"]
            ):
                self.stderr.write(f"\r{country}: {totals.people:,} people", ending="")
            self.stderr.write("")
            added += totals.people
        cases = sum(
            demo_cases_seed(country, options["seed"])
            for country in options["country"] or plan.COUNTRIES
        )
        referrals = referrals_demo_seed(organisations) if country_generated("KAZ") else 0
        tickets = hotline_demo_seed(organisations)
        self.stdout.write(f"Demo population: {added:,} people added.")
        self.stdout.write(f"Demo procedure histories: {cases:,} cases added.")
        self.stdout.write(f"Demo referrals: {referrals} added; hotline tickets: {tickets} added.")
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        width = max(len(username) for username, _, _ in logins)
        users = {u.username: u for u in User.objects.filter(username__in=[n for n, _, _ in logins])}
        marked = False
        for username, role, organisation in logins:
            mark = " *" if username in users and two_factor_required(users[username]) else ""
            marked = marked or bool(mark)
            self.stdout.write(f"  {username:<{width}}  {role} · {organisation}{mark}")
        if marked:
            self.stdout.write(
                "* two-factor sign-in: the first log-in sets it up with an authenticator app "
                "on a phone (FreeOTP, Aegis, Google or Microsoft Authenticator); each later "
                "log-in asks for its code. Without a phone, for a local try only: "
                "QORGAU_TWO_FACTOR_REQUIRED=false."
            )
