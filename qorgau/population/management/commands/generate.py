"""``qorgau generate``: the synthetic population, calibrated or at any scale."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from qorgau.population import plan
from qorgau.population.funding import funding_demo_actor, funding_demo_seed
from qorgau.population.generator import (
    Context,
    Totals,
    country_generated,
    generate_country,
)
from qorgau.population.lists import write_source_lists
from qorgau.population.load import generate_scaled
from qorgau.population.organisations import organisations_seed
from qorgau.statistics.services import factsheet_seed


class Command(BaseCommand):
    help = (
        "Generate the synthetic population: Kazakhstan calibrated to the 2024 fact sheet and "
        "the other Central Asian countries shaped by their published figures (scaled), or "
        "--persons N people for benchmarks. Deterministic for a given --seed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--country",
            action="append",
            choices=plan.COUNTRIES,
            help="ISO3 code; repeat for several (default: all five).",
        )
        parser.add_argument("--seed", type=int, default=2024)
        parser.add_argument(
            "--persons",
            type=int,
            help="Generate this many people with Kazakhstan's mix instead of the calibrated plan.",
        )
        parser.add_argument(
            "--scale",
            type=float,
            default=plan.OTHER_COUNTRIES_SCALE,
            help="Scale of the countries other than Kazakhstan (default %(default)s).",
        )
        parser.add_argument(
            "--batch",
            type=int,
            default=5_000,
            help="People per batch (one transaction each; with --persons a transaction every "
            "250,000 people).",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=1,
            help="With --persons: processes that draw people and build their rows while this "
            "one writes them (default 1; 0 draws them in this process).",
        )
        parser.add_argument(
            "--lists",
            metavar="DIR",
            help="Also write Kazakhstan's government and partner lists (CSV/XLSX, with a "
            "ground truth of duplicates) for the seed into DIR; a country already generated "
            "is then skipped instead of refused.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        default = ("KAZ",) if options["persons"] is not None else plan.COUNTRIES
        countries = tuple(options["country"] or default)
        if options["persons"] is not None and options["persons"] < 1:
            raise CommandError("--persons must be a positive number.")
        lists = Path(options["lists"]) if options.get("lists") else None
        if lists is not None and lists.exists() and not lists.is_dir():
            raise CommandError(f"--lists {lists}: not a directory.")
        organisations = organisations_seed()
        factsheet_seed()  # the 2024 fact sheet's texts and contacts
        funding_demo_seed(funding_demo_actor(organisations["unhcr-kaz"]))  # 2024: 45% funded
        context = Context.load()
        started = time.perf_counter()
        people = 0
        for country in countries:
            if options["persons"] is not None:
                stream = generate_scaled(
                    context,
                    country,
                    options["persons"],
                    seed=options["seed"],
                    batch=options["batch"],
                    workers=max(0, options["workers"]),
                )
            elif country_generated(country):
                if lists is not None:
                    continue
                raise CommandError(
                    f"{country} already has a generated population; use an empty database."
                )
            else:
                tracks = plan.plan((country,), options["scale"])
                stream = generate_country(
                    context, country, tracks, seed=options["seed"], batch=options["batch"]
                )
            totals = Totals()
            for totals in stream:
                self.stderr.write(f"\r{country}: {totals.people:,} people", ending="")
            self.stderr.write("")
            people += totals.people
        elapsed = time.perf_counter() - started
        rate = people / elapsed if elapsed else 0
        self.stdout.write(
            f"Generated {people:,} people in {elapsed:.1f} s ({rate:,.0f} per second)."
        )
        if lists is not None:
            self.stdout.write(str(write_source_lists(lists, seed=options["seed"], context=context)))
