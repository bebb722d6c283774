"""The name pools of each background, read once from ``pools.yaml`` beside this module."""

from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Final

import yaml

#: The data file: per background, given names of men and women and family names, most
#: frequent first (the order is the Zipf rank).
POOLS_FILE: Final = Path(__file__).with_name("pools.yaml")


class Background(StrEnum):
    """The naming tradition of a person: decides pools, script and name forms."""

    KAZAKH = "kazakh"
    RUSSIAN = "russian"
    UZBEK = "uzbek"
    KYRGYZ = "kyrgyz"
    TAJIK = "tajik"
    AFGHAN_DARI = "afghan_dari"
    AFGHAN_PASHTO = "afghan_pashto"
    UKRAINIAN = "ukrainian"


@dataclass(frozen=True, slots=True)
class Pools:
    """The names of one background as the data file lists them, most frequent first."""

    male: tuple[str, ...]
    female: tuple[str, ...]
    family: tuple[str, ...]


@cache
def pools() -> dict[Background, Pools]:
    """Every background's pools, read from :data:`POOLS_FILE` on the first call only."""
    with POOLS_FILE.open(encoding="utf-8") as stream:
        data = yaml.load(stream, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 (a safe loader)
    found = {
        background: Pools(
            male=tuple(data[background.value]["male"]),
            female=tuple(data[background.value]["female"]),
            family=tuple(data[background.value]["family"]),
        )
        for background in Background
    }
    for background, pool in found.items():
        for part in (pool.male, pool.female, pool.family):
            if not all(isinstance(name, str) and name for name in part):
                raise ValueError(f"{POOLS_FILE}: {background}: every name must be a text")
    return found
