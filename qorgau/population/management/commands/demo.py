"""``qorgau demo``: organisations, one demo user per role and organisation, demo people."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from qorgau.population.demo import demo_population_load
from qorgau.population.organisations import (
    DEMO_PASSWORD,
    demo_users_seed,
    organisations_seed,
)


class Command(BaseCommand):
    help = "Load the demo organisations, users and synthetic people (idempotent)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--seed", type=int, default=2024, help="Random seed of the demo people."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        organisations = organisations_seed()
        logins = demo_users_seed(organisations)
        households, people = demo_population_load(organisations, seed=options["seed"])
        self.stdout.write(f"Demo data: {households} households and {people} people added.")
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        width = max(len(username) for username, _, _ in logins)
        for username, role, organisation in logins:
            self.stdout.write(f"  {username:<{width}}  {role} · {organisation}")
