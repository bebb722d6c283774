"""Small synthetic lists for engine tests: Cyrillic people and Latin, noisy copies."""

import datetime as dt
import random
from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd

from qorgau.matching.engine import match
from qorgau.population import naming

BACKGROUNDS = (naming.Background.KAZAKH, naming.Background.RUSSIAN, naming.Background.UZBEK)


def people(count: int, seed: int = 1) -> list[dict[str, str]]:
    rng = random.Random(seed)
    rows = []
    for number in range(count):
        sex = rng.choice(("male", "female"))
        name = naming.draw_name(rng, rng.choice(BACKGROUNDS), sex)
        born = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(365 * 60))
        rows.append(
            {
                "id": f"G{number:05d}",
                "family_name": name.family_name,
                "given_name": name.given_name,
                "patronymic": name.patronymic,
                "sex": "M" if sex == "male" else "F",
                "date_of_birth": f"{born:%d.%m.%Y}",
                "document_number": f"N{rng.randrange(10**7, 10**8)}",
            }
        )
    return rows


def latin_copies(rows: list[dict[str, str]], share: float, seed: int = 2) -> list[dict[str, str]]:
    """Latin copies of a share of ``rows`` (id ``P…`` + the original's number), with the
    noise of partner lists: other transliterations, a typo, no patronymic, year only."""
    rng = random.Random(seed)
    copies = []
    for row in rows:
        if rng.random() >= share:
            continue
        copy = dict(row, id="P" + row["id"][1:])
        for field in ("family_name", "given_name", "patronymic"):
            if copy[field]:
                copy[field] = naming.latin_spelling(rng, copy[field])
        if rng.random() < 0.1:
            copy["family_name"] = naming.typo(rng, copy["family_name"])
        if rng.random() < 0.3:
            copy["patronymic"] = ""
        if rng.random() < 0.1:
            copy["date_of_birth"] = copy["date_of_birth"][-4:]
        if rng.random() < 0.2:
            copy["document_number"] = ""
        copies.append(copy)
    return copies


def namesake(ident: str, born: str, **more: str) -> dict[str, str]:
    """Ержанов Нұрлан Серікұлы of Шымкент, born ``born``: one of several namesakes."""
    return {
        "id": ident,
        "family_name": "Ержанов",
        "given_name": "Нұрлан",
        "patronymic": "Серікұлы",
        "sex": "M",
        "date_of_birth": born,
        "place_of_birth": "Шымкент",
        **more,
    }


def cases_scored(
    cases: Sequence[tuple[tuple[str, ...], tuple[str, ...]]],
    others: Sequence[tuple[str, ...]],
    record: Callable[[str, tuple[str, ...]], dict[str, str]],
    others_prefix: str,
) -> dict[int, Any]:
    """Named ``(left, right)`` cases scored by a model trained on generated lists: the cases'
    records (``L<n>``, ``R<n>``) and ``others`` on the right (``<others_prefix><n>``) are added
    to the lists and matched with that model; by case number, the pair found (or None)."""
    left = people(1500)
    right = latin_copies(left, 0.2)
    model = match(left, right).model
    left += [record(f"L{n}", one) for n, (one, _) in enumerate(cases)]
    right += [record(f"R{n}", two) for n, (_, two) in enumerate(cases)]
    right += [record(f"{others_prefix}{n}", row) for n, row in enumerate(others)]
    result = match(pd.DataFrame(left), pd.DataFrame(right), model=model, review_threshold=0.0)
    found = {(pair.left_id, pair.right_id): pair for pair in result.pairs}
    return {n: found.get((f"L{n}", f"R{n}")) for n in range(len(cases))}


def levels(pair: Any) -> dict[str, Any]:
    """The level each comparison reached for a scored pair."""
    return {evidence.comparison: evidence.level for evidence in pair.evidence}
