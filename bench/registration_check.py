"""Benchmark: checking one new registration against the people already in the registry.

While a clerk registers someone, :func:`qorgau.people.likely.likely_matches` shows the
likely existing records before saving. This times it against a registry of generated people
(``qorgau generate --persons N``; the database must hold them already, see below) for a few
hundred inputs, as a clerk of the operating agency (who sees the whole country's registry):

* half are existing people written again in another script: their names in Latin letters
  (one of the transliteration habits of :func:`qorgau.population.naming.latin_spelling`;
  Afghan names, already Latin, in another English spelling), a third of them with the year
  of birth only;
* half are new people (names drawn from the same pools, another date of birth).

Prints the median, 95th percentile and maximum time of one check, the number of candidates
examined (the records sharing the name keys and the year of birth within one year; at most
``BLOCK_LIMIT`` are ranked) and how often the re-spelt person was among those shown. Target
(issue 5): <= 200 ms against 1,000,000 people.

    DATABASE_URL=sqlite:////path/db.sqlite3 qorgau migrate
    DATABASE_URL=sqlite:////path/db.sqlite3 qorgau generate --persons 1000000 --workers 2
    python bench/registration_check.py --database sqlite:////path/db.sqlite3 [--samples 300]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Django is set up in main(), before these are imported
    from qorgau.organisations.models import User
    from qorgau.people.models import Person
    from qorgau.people.services.persons import PersonInput

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE = f"sqlite:///{ROOT / 'var' / 'bench' / 'registry-1m.sqlite3'}"
TARGET_MS = 200
SEED = 2024
USERNAME = "bench-registration-check"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default=os.environ.get("DATABASE_URL", DEFAULT_DATABASE))
    parser.add_argument("--samples", type=int, default=300)
    options = parser.parse_args()
    os.environ["DATABASE_URL"] = options.database
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "qorgau.config.settings")
    import django

    django.setup()
    run(options.samples, options.database)


def run(samples: int, database: str) -> None:
    from django.db import connection

    from qorgau.people.likely import BLOCK_LIMIT, candidates, likely_matches
    from qorgau.people.models import Person

    people = Person.objects.count()
    if not people:
        raise SystemExit(f"No people in {database}: run `qorgau generate --persons N` first.")
    user = _clerk()
    rng = random.Random(SEED)
    inputs: list[tuple[PersonInput, Person | None]] = [
        (_respelt(rng, person), person) for person in _sample(rng, samples - samples // 2)
    ]
    inputs += [(_new_person(rng), None) for _ in range(samples // 2)]
    rng.shuffle(inputs)
    for data, _ in inputs[:5]:  # warm the caches (user scope, name folding, database pages)
        likely_matches(user, data)

    times, examined, found = [], [], 0
    slowest = (0.0, "")
    for data, person in inputs:
        started = time.perf_counter()
        shown = likely_matches(user, data)
        times.append((time.perf_counter() - started) * 1000)
        if times[-1] > slowest[0]:
            slowest = (times[-1], f"{data.family_name} {data.given_name} {data.birth}")
        examined.append(len(candidates(user, data).order_by("pk")[:BLOCK_LIMIT]))
        found += person is not None and person in [likely.person for likely in shown]
    times.sort()
    examined.sort()
    respelt = sum(person is not None for _, person in inputs)
    p95 = times[int(0.95 * (len(times) - 1))]
    print(
        f"{connection.vendor} ({database}): {people:,} people; {len(inputs)} checks; "
        f"{os.cpu_count()} cores, load average {_load()}"
    )
    print(
        f"  one check: median {statistics.median(times):.1f} ms, 95th percentile {p95:.1f} ms, "
        f"max {times[-1]:.1f} ms (target {TARGET_MS} ms); slowest: {slowest[1]}"
    )
    print(
        f"  candidates examined: median {statistics.median(examined):.0f}, "
        f"95th percentile {examined[int(0.95 * (len(examined) - 1))]}, max {examined[-1]} "
        f"(at most {BLOCK_LIMIT} ranked)"
    )
    print(f"  re-spelt existing people shown among the likely matches: {found} of {respelt}")


def _clerk() -> User:
    """A registration clerk of every operating agency (sees each country's registry)."""
    from qorgau.organisations.models import Membership, Organisation, User
    from qorgau.organisations.permissions import Role

    user, _ = User.objects.get_or_create(username=USERNAME)
    for organisation in Organisation.objects.filter(is_operating_agency=True):
        Membership.objects.get_or_create(
            user=user, organisation=organisation, role=Role.REGISTRATION_CLERK
        )
    return user


def _sample(rng: random.Random, count: int) -> list[Person]:
    from qorgau.people.models import Person

    ids = list(Person.objects.filter(merged_into__isnull=True).values_list("pk", flat=True))
    return list(Person.objects.filter(pk__in=rng.sample(ids, min(count, len(ids)))))


def _respelt(rng: random.Random, person: Person) -> PersonInput:
    """The person as another list writes them: Latin letters, sometimes the year only."""
    from qorgau.people.dates import PartialDate
    from qorgau.people.services.persons import PersonInput
    from qorgau.population import naming

    spelling = random.Random(rng.getrandbits(64))
    state = spelling.getstate()

    def latin(text: str) -> str:
        spelling.setstate(state)
        return naming.latin_spelling(spelling, text) if text else ""

    birth = PartialDate(person.birth_year, person.birth_month, person.birth_day)
    if person.birth_year is None or rng.random() < 1 / 3:
        birth = PartialDate(person.birth_year) if person.birth_year else PartialDate.unknown()
    return PersonInput(
        given_name=latin(person.given_name),
        family_name=latin(person.family_name),
        patronymic=latin(person.patronymic) if rng.random() < 0.7 else "",
        sex=person.sex,
        citizenship_status=person.citizenship_status,
        birth=birth,
    )


def _new_person(rng: random.Random) -> PersonInput:
    import datetime as dt

    from qorgau.people.dates import PartialDate
    from qorgau.people.services.persons import PersonInput
    from qorgau.population import naming

    background = naming.background_for_origin(rng, "AFG" if rng.random() < 0.1 else "KAZ")
    sex = "male" if rng.random() < 0.5 else "female"
    name = naming.draw_name(rng, background, sex)
    born = dt.date(1940, 1, 1) + dt.timedelta(days=int(rng.random() * 30_000))
    return PersonInput(
        given_name=name.given_name,
        family_name=name.family_name,
        patronymic=name.patronymic,
        sex=sex,
        citizenship_status="stateless",
        birth=PartialDate(born.year, born.month, born.day),
    )


def _load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
