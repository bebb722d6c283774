"""Benchmark: 1,000,000 records deduplicated, the engine against Splink's documented setup.

The data are FEBRL-like (originals and duplicates with a known truth, each original with
0-4 duplicates, as FEBRL's generator makes them) but of this region, generated here
deterministically: people drawn from the population generator's name pools
(:mod:`qorgau.population.naming`: Kazakh, Russian, Uzbek, Kyrgyz, Tajik, Ukrainian and
Afghan names, Zipf-weighted, as on documents), a date of birth (some known to the year only,
some a 1 January placeholder), a country of birth and usually a document number. Each
duplicate gets the variation :mod:`qorgau.population.lists` applies to the partner lists:
Latin letters in a source's own or a drawn transliteration habit (or the Cyrillic again,
sometimes russified), typos, no patronymic, a year-only or wrong date, family and given
names swapped, no or spaced document number, no place of birth, family names in capitals.
The records are shuffled. The data set is written once to ``var/bench/`` (CSV with a
``person`` column, the truth) and reused.

Each engine runs in its own process, which reads the CSV and then is timed (blocking,
training and scoring: everything after the records are in memory) and reports its peak
resident memory (``getrusage``, the whole process). Both use the threshold 0.95.

* **Qorgau engine**: :func:`qorgau.matching.engine.match` on all records, the model
  trained on a seeded random sample of ``--training-sample`` records (prior, ``u`` by random
  pairs, ``m`` by EM) and then scoring all records with it.
* **Splink's documented setup**: the comparisons of Splink's FEBRL and 50k-synthetic
  examples (``NameComparison`` with term frequencies for each name part,
  ``DateOfBirthComparison``, ``ExactMatch`` sex and place, ``DamerauLevenshteinAtThresholds``
  for the document), names passed through ``anyascii`` (as a careful user would), trained
  on all records with Splink's sequence (prior from deterministic rules, ``u`` by random
  sampling, EM on two rules), blocking rules of the kind its 50k example uses (names or
  date of birth combined, so that blocks stay small at this size).

Targets (issue 5): the engine in <= 60 s and <= 4 GB, F1 >= Splink's.

    python bench/match_million.py [--records 1000000] [--only engine|splink]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import random
import resource
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from match_common import Scores, scores  # noqa: E402

from qorgau.matching.records import COLUMNS  # noqa: E402
from qorgau.population import naming  # noqa: E402

SEED = 2024
CACHE = ROOT / "var" / "bench"
#: The columns of the lists (``qorgau match``'s, names split) and the truth.
FIELDS = (*(name for name in COLUMNS if name != "full_name"), "person")
THRESHOLD = 0.95

# Duplicates per original (FEBRL: up to a few per original, fewer more often).
DUPLICATES = ((0, 0.55), (1, 0.25), (2, 0.12), (3, 0.05), (4, 0.03))
AFGHAN_SHARE = 0.05
YEAR_ONLY_PEOPLE = 0.04  # known to the year only on every document
PLACEHOLDER_PEOPLE = 0.03  # born "1 January" on every document
NO_DOCUMENT_PEOPLE = 0.30
# Noise of each duplicate, as the partner lists of qorgau.population.lists.
LATIN_SHARE = 0.6  # else the Cyrillic again (russified in a quarter of those)
HOUSE_HABIT_SHARE = 0.5
TYPO_SHARE = 0.08
NO_PATRONYMIC_SHARE = 0.30
YEAR_ONLY_SHARE = 0.10
SWAPPED_NAMES_SHARE = 0.05
WRONG_DATE_SHARE = 0.03
NO_DOCUMENT_SHARE = 0.20
SPACED_DOCUMENT_SHARE = 0.10
NO_PLACE_SHARE = 0.40
CAPITALS_SHARE = 1 / 3

#: Country of birth by background: (Russian, English).
PLACES = {
    naming.Background.KAZAKH: ("Казахстан", "Kazakhstan"),
    naming.Background.RUSSIAN: ("Россия", "Russia"),
    naming.Background.UZBEK: ("Узбекистан", "Uzbekistan"),
    naming.Background.KYRGYZ: ("Кыргызстан", "Kyrgyzstan"),
    naming.Background.TAJIK: ("Таджикистан", "Tajikistan"),
    naming.Background.UKRAINIAN: ("Украина", "Ukraine"),
    naming.Background.AFGHAN_DARI: ("Афганистан", "Afghanistan"),
    naming.Background.AFGHAN_PASHTO: ("Афганистан", "Afghanistan"),
}
HOUSE_HABITS = (naming.LatinHabit.ICAO, naming.LatinHabit.BGN, naming.LatinHabit.REGIONAL)
FIRST_DAY = dt.date(1940, 1, 1).toordinal()
LAST_DAY = dt.date(2023, 12, 31).toordinal()


# --- the data --------------------------------------------------------------------------------


def _duplicates(rng: random.Random) -> int:
    point = rng.random()
    for count, share in DUPLICATES:
        point -= share
        if point < 0:
            return count
    return 0


def _typo(rng: random.Random, row: dict[str, str]) -> None:
    """One typo in the family name (50%), the given name (35%) or the patronymic (15%)."""
    roll = rng.random()
    part = "patronymic" if roll < 0.15 else "given_name" if roll < 0.5 else "family_name"
    if not row[part]:
        part = "given_name" if row["given_name"] else "family_name"
    if row[part]:
        row[part] = naming.typo(rng, row[part])


def _date(born: dt.date, precision: str, rng: random.Random, noisy: bool) -> str:
    if precision == "year" or (noisy and rng.random() < YEAR_ONLY_SHARE):
        return f"{born.year:04d}"
    if noisy and precision == "day" and rng.random() < WRONG_DATE_SHARE:
        if born.day <= 12 and born.day != born.month and rng.random() < 0.5:
            return f"{born.month:02d}.{born.day:02d}.{born.year:04d}"
        born += dt.timedelta(days=1 if rng.random() < 0.5 else -1)
    return f"{born:%d.%m.%Y}"


def people(count: int, seed: int = SEED) -> Iterator[dict[str, str]]:
    """``count`` records (originals and their duplicates, in drawing order)."""
    rng = random.Random(f"{seed}:million")
    houses = [HOUSE_HABITS[index % 3] for index in range(3)]
    made = person = 0
    while made < count:
        person += 1
        origin = "AFG" if rng.random() < AFGHAN_SHARE else "KAZ"
        background = naming.background_for_origin(rng, origin)
        sex = "male" if rng.random() < 0.5 else "female"
        name = naming.draw_name(rng, background, sex)
        roll = rng.random()
        precision = "year" if roll < YEAR_ONLY_PEOPLE else "day"
        born = dt.date.fromordinal(FIRST_DAY + int(rng.random() * (LAST_DAY - FIRST_DAY + 1)))
        if YEAR_ONLY_PEOPLE <= roll < YEAR_ONLY_PEOPLE + PLACEHOLDER_PEOPLE:
            born = born.replace(month=1, day=1)
        document = "" if rng.random() < NO_DOCUMENT_PEOPLE else f"N{rng.randrange(10**7, 10**8)}"
        place_ru, place_en = PLACES[background]
        original = {
            "family_name": name.family_name,
            "given_name": name.given_name,
            "patronymic": name.patronymic,
            "sex": "M" if sex == "male" else "F",
            "date_of_birth": _date(born, precision, rng, noisy=False),
            "place_of_birth": place_ru,
            "nationality": "",
            "document_number": document,
            "person": f"P{person:07d}",
        }
        yield original
        made += 1
        for _ in range(min(_duplicates(rng), count - made)):
            row = dict(original)
            if rng.random() < LATIN_SHARE:
                row_seed = rng.getrandbits(64)
                house = houses[int(rng.random() * 3)]
                for part in ("family_name", "given_name", "patronymic"):
                    spelling = random.Random(row_seed)
                    if rng.random() < HOUSE_HABIT_SHARE:
                        row[part] = naming.spell_latin(spelling, row[part], house)
                    else:
                        row[part] = naming.latin_spelling(
                            spelling, row[part], background=background
                        )
                row["place_of_birth"] = place_en
                if rng.random() < CAPITALS_SHARE:
                    row["family_name"] = row["family_name"].upper()
            elif rng.random() < 0.25 and background != naming.Background.UKRAINIAN:
                for part in ("family_name", "given_name", "patronymic"):
                    row[part] = naming.russify(row[part])
            if rng.random() < NO_PATRONYMIC_SHARE:
                row["patronymic"] = ""
            row["date_of_birth"] = _date(born, precision, rng, noisy=True)
            if rng.random() < NO_DOCUMENT_SHARE:
                row["document_number"] = ""
            elif document and rng.random() < SPACED_DOCUMENT_SHARE:
                row["document_number"] = f"{document[0]} {document[1:]}"
            if rng.random() < NO_PLACE_SHARE:
                row["place_of_birth"] = ""
            if rng.random() < TYPO_SHARE:
                _typo(rng, row)
            if rng.random() < SWAPPED_NAMES_SHARE:
                row["family_name"], row["given_name"] = row["given_name"], row["family_name"]
            yield row
            made += 1


def write_data(path: Path, count: int) -> None:
    """The records, shuffled (seeded) and numbered, as CSV with the truth in ``person``."""
    rows = list(people(count))
    random.Random(f"{SEED}:order").shuffle(rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".part")
    with partial.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(FIELDS)
        for number, row in enumerate(rows, start=1):
            row["id"] = f"R{number:07d}"
            writer.writerow([row[name] for name in FIELDS])
    partial.replace(path)


def true_pairs(path: Path) -> set[tuple[str, str]]:
    by_person: dict[str, list[str]] = defaultdict(list)
    with path.open(encoding="utf-8", newline="") as stream:
        for row in csv.DictReader(stream):
            by_person[row["person"]].append(row["id"])
    return {
        (a, b) if a <= b else (b, a) for ids in by_person.values() for a, b in combinations(ids, 2)
    }


# --- the runs (each in its own process) ----------------------------------------------------


def peak_mib() -> float:
    """Peak resident memory of this process so far (Linux: ru_maxrss in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_engine(path: Path, training_sample: int) -> tuple[float, list[tuple[str, str]], str]:
    import pandas as pd

    from qorgau.matching.engine import match

    records = pd.read_csv(path, dtype=str, keep_default_na=False)
    started = time.perf_counter()
    stages: list[str] = []

    def progress(stage: str, fraction: float) -> None:
        stages.append(f"{stage} {time.perf_counter() - started:.1f}s")

    result = match(
        records,
        threshold=THRESHOLD,
        review_threshold=THRESHOLD,
        training_sample=training_sample,
        progress=progress,
    )
    elapsed = time.perf_counter() - started
    found = [(pair.left_id, pair.right_id) for pair in result.matches]
    return elapsed, found, ", ".join(stages)


def run_splink(path: Path) -> tuple[float, list[tuple[str, str]], str]:
    import pandas as pd
    import splink.comparison_library as cl
    from anyascii import anyascii
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    from qorgau.matching.dates import parse_birth_date

    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    started = time.perf_counter()
    stages: list[str] = []

    def mark(stage: str) -> None:
        stages.append(f"{stage} {time.perf_counter() - started:.1f}s")

    def latin(text: str) -> str | None:
        return anyascii(text).lower().strip() or None

    names = {
        column: [latin(value) for value in frame[column]]
        for column in ("family_name", "given_name", "patronymic")
    }
    births = [parse_birth_date(value) for value in frame["date_of_birth"]]
    days = [born.date() if born else None for born in births]
    data = pd.DataFrame(
        {
            "unique_id": frame["id"],
            **names,
            "sex": frame["sex"].replace("", None),
            "dob": [day.isoformat() if day else None for day in days],
            "dob_year": [str(born.year) if born else None for born in births],
            "place_of_birth": [latin(value) for value in frame["place_of_birth"]],
            "document_number": frame["document_number"].str.replace(" ", "").replace("", None),
        }
    )
    del frame, names, births, days
    mark("prepared")
    settings = SettingsCreator(
        link_type="dedupe_only",
        comparisons=[
            cl.NameComparison("family_name").configure(term_frequency_adjustments=True),
            cl.NameComparison("given_name").configure(term_frequency_adjustments=True),
            cl.NameComparison("patronymic").configure(term_frequency_adjustments=True),
            cl.DateOfBirthComparison("dob", input_is_string=True),
            cl.ExactMatch("sex"),
            cl.ExactMatch("place_of_birth").configure(term_frequency_adjustments=True),
            cl.DamerauLevenshteinAtThresholds("document_number", [2]),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("family_name", "given_name", "dob_year"),
            block_on("family_name", "dob"),
            block_on("given_name", "dob"),
            block_on("patronymic", "dob"),
            block_on("substr(family_name,1,3)", "substr(given_name,1,3)", "dob_year"),
            block_on("document_number"),
        ],
    )
    db_api = DuckDBAPI()
    linker = Linker(db_api.register(data, table_name="records"), settings, log_level="ERROR")
    linker.training.estimate_probability_two_random_records_match(
        [block_on("family_name", "given_name", "dob"), block_on("document_number")], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=1e7, seed=SEED)
    mark("u")
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("family_name", "given_name", "dob_year"), estimate_without_term_frequencies=True
    )
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("dob"), estimate_without_term_frequencies=True
    )
    mark("trained")
    found = linker.inference.predict(threshold_match_probability=THRESHOLD).as_pandas_dataframe()
    mark("scored")
    elapsed = time.perf_counter() - started
    return (
        elapsed,
        list(zip(found["unique_id_l"], found["unique_id_r"], strict=True)),
        ", ".join(stages),
    )


def child(which: str, path: Path, training_sample: int) -> None:
    """Run one engine, then print a JSON line: seconds, peak MiB, scores."""
    if which == "engine":
        elapsed, found, stages = run_engine(path, training_sample)
    else:
        elapsed, found, stages = run_splink(path)
    peak = peak_mib()
    result = scores(found, true_pairs(path))
    print(
        json.dumps(
            {
                "seconds": elapsed,
                "peak_mib": peak,
                "found": result.found,
                "true": result.true,
                "correct": result.correct,
                "stages": stages,
            }
        )
    )


def measure(which: str, path: Path, training_sample: int) -> tuple[float, float, Scores, str]:
    output = subprocess.run(  # noqa: S603 (this script, our interpreter)
        [
            sys.executable,
            __file__,
            "--child",
            which,
            "--data",
            str(path),
            "--training-sample",
            str(training_sample),
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    data = json.loads(output.strip().splitlines()[-1])
    return (
        data["seconds"],
        data["peak_mib"],
        Scores(data["found"], data["true"], data["correct"]),
        data["stages"],
    )


def load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--training-sample", type=int, default=100_000)
    parser.add_argument("--only", choices=("engine", "splink"))
    parser.add_argument("--child", choices=("engine", "splink"), help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        child(options.child, options.data, options.training_sample)
        return
    path = CACHE / f"million-{SEED}-{options.records}.csv"
    if not path.exists():
        started = time.perf_counter()
        write_data(path, options.records)
        print(f"Data written to {path} in {time.perf_counter() - started:.0f} s.")
    true = true_pairs(path)
    print(
        f"{options.records:,} records, {len(true):,} true duplicate pairs; "
        f"{os.cpu_count()} cores, load average {load()} before the runs."
    )
    timings: dict[str, float] = {}
    for which in ("engine", "splink"):
        if options.only and options.only != which:
            continue
        seconds, peak, found, stages = measure(which, path, options.training_sample)
        timings[which] = seconds
        label = "Qorgau engine" if which == "engine" else "Splink documented setup"
        print(
            f"{label}: {seconds:.1f} s, peak memory {peak / 1024:.2f} GiB "
            f"(load average {load()} after)"
        )
        print(f"  {found}")
        print(f"  stages: {stages}")
    if len(timings) == 2:
        print(f"Time ratio engine / Splink: {timings['engine'] / timings['splink']:.2f}")


if __name__ == "__main__":
    main()
