"""The population plan: who is registered when, and which status changes follow.

A plan is a list of *tracks*: groups of people who share a registrant and a sequence of status
steps, each step starting on a day drawn from a window. Windows never contain 1 January, so a
count "as of 1 January" equals the count at the end of the previous year.

Kazakhstan is calibrated to the fact sheet (``shared/seed``) and the published series in
``shared/domain.md``: the year-end stocks of stateless people (STA + UND) and the yearly
acquisitions of citizenship are reproduced exactly by a first-in-first-out register: each
year the longest-registered people are naturalised first, and the new registrations are
whatever makes the year-end stock come out. The other four countries follow their published
figures the same way, scaled down (``scale``).
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from dataclasses import dataclass

from qorgau.people.models import LegalStatus

HORIZON = dt.date(2026, 6, 30)
"""The last day the synthetic history reaches. Fixed, so a seed gives the same data any day."""

ASY, REF = LegalStatus.ASYLUM_SEEKER, LegalStatus.REFUGEE
STA, UND = LegalStatus.STATELESS, LegalStatus.UNDETERMINED
NAT, NCF, DEP, DEC = (
    LegalStatus.NATURALISED,
    LegalStatus.NATIONALITY_CONFIRMED,
    LegalStatus.DEPARTED,
    LegalStatus.DECEASED,
)


@dataclass(frozen=True)
class Step:
    status: str
    first: dt.date
    last: dt.date


@dataclass(frozen=True)
class Track:
    country: str
    registrant: str
    authority: str
    origin: str | None
    steps: tuple[Step, ...]
    count: int


def year(y: int) -> Step:
    """A window covering year ``y`` without its 1 January (and ending at the horizon)."""
    return Step("", dt.date(y, 1, 2), min(dt.date(y, 12, 31), HORIZON))


def window(status: str, first: dt.date, last: dt.date) -> Step:
    return Step(status, first, min(last, HORIZON))


def in_year(status: str, y: int) -> Step:
    span = year(y)
    return Step(status, span.first, span.last)


# --- first-in-first-out registers -----------------------------------------------------------


@dataclass(frozen=True)
class Register:
    """A population held in one status, with published (or assumed) year-end stocks.

    ``initial`` is the stock at the end of ``first_year - 1`` by year of registration;
    ``stocks`` the stock at the end of each later year; ``exits`` per year and outcome.
    """

    country: str
    status: str
    registrant: str
    authority: str
    initial: dict[int, int]
    stocks: dict[int, int]
    exits: dict[int, dict[str, int]]
    origin: str | None = None


def register_tracks(register: Register) -> list[Track]:
    queue: deque[list[int]] = deque([y, n] for y, n in sorted(register.initial.items()) if n)
    left: dict[tuple[int, int, str], int] = {}
    for y in sorted(register.stocks):
        previous = sum(n for _, n in queue)
        outcomes = register.exits.get(y, {})
        for outcome, count in sorted(outcomes.items()):
            while count:
                if not queue:
                    raise ValueError(f"{register.country} {register.status}: {y} exits too many")
                entry = queue[0]
                taken = min(entry[1], count)
                key = (entry[0], y, outcome)
                left[key] = left.get(key, 0) + taken
                entry[1] -= taken
                count -= taken
                if not entry[1]:
                    queue.popleft()
        new = register.stocks[y] - (previous - sum(outcomes.values()))
        if new < 0:
            raise ValueError(f"{register.country} {register.status}: {y} needs {new} entries")
        if new:
            queue.append([y, new])
    tracks = [
        _track(register, (in_year(register.status, entry), in_year(outcome, exit_year)), count)
        for (entry, exit_year, outcome), count in sorted(left.items())
    ]
    tracks += [
        _track(register, (in_year(register.status, entry),), count) for entry, count in queue
    ]
    return tracks


def _track(register: Register, steps: tuple[Step, ...], count: int) -> Track:
    return Track(
        country=register.country,
        registrant=register.registrant,
        authority=register.authority,
        origin=register.origin,
        steps=steps,
        count=count,
    )


# --- Kazakhstan -----------------------------------------------------------------------------

# Year-end stocks of people known to be stateless (STA + UND). 2020-2022 and 2023 (= as of
# 1 January 2024) are published; earlier years and 2024-2025 are assumptions shaped like them.
KAZ_STATELESS_TOTAL = {
    2013: 7_600, 2014: 7_700, 2015: 7_850, 2016: 7_750, 2017: 7_650, 2018: 7_800,
    2019: 7_900, 2020: 7_999, 2021: 7_831, 2022: 8_569, 2023: 7_892,
    2024: 7_350, 2025: 6_880, 2026: 6_650,
}  # fmt: skip
# People with undetermined nationality documented by partner NGOs (551 as of 1 January 2024).
KAZ_UNDETERMINED = {
    2013: 0, 2014: 120, 2015: 260, 2016: 400, 2017: 520, 2018: 610, 2019: 680,
    2020: 700, 2021: 640, 2022: 720, 2023: 551, 2024: 450, 2025: 380, 2026: 350,
}  # fmt: skip
# Acquisitions of citizenship per year (naturalisation of the stateless and confirmation of
# Kazakh nationality of people of undetermined nationality): 14,230 in 2014-2023 (> 14,000).
KAZ_ACQUISITIONS = {
    2014: 1_200, 2015: 1_350, 2016: 1_500, 2017: 1_600, 2018: 1_550, 2019: 1_500,
    2020: 1_400, 2021: 1_350, 2022: 1_380, 2023: 1_400, 2024: 1_150, 2025: 1_000, 2026: 450,
}  # fmt: skip
KAZ_CONFIRMATIONS = {
    2014: 0, 2015: 20, 2016: 60, 2017: 90, 2018: 120, 2019: 140, 2020: 150,
    2021: 160, 2022: 170, 2023: 200, 2024: 150, 2025: 120, 2026: 50,
}  # fmt: skip
KAZ_STATELESS_DEATHS = 20  # a year, among the registered stateless


def kazakhstan_stateless() -> list[Track]:
    stateless_initial = {2006: 300, 2007: 450, 2008: 600, 2009: 800, 2010: 1_000,
                         2011: 1_250, 2012: 1_500, 2013: 1_700}  # fmt: skip
    undetermined = Register(
        country="KAZ",
        status=UND,
        registrant="kibhr",
        authority="kaz-mia",
        initial={},
        stocks={y: n for y, n in KAZ_UNDETERMINED.items() if y >= 2014},
        exits={y: {NCF: n} for y, n in KAZ_CONFIRMATIONS.items() if n},
    )
    stateless = Register(
        country="KAZ",
        status=STA,
        registrant="kaz-mia",
        authority="kaz-mia",
        initial=stateless_initial,
        stocks={
            y: KAZ_STATELESS_TOTAL[y] - KAZ_UNDETERMINED[y]
            for y in KAZ_STATELESS_TOTAL
            if y >= 2014
        },
        exits={
            y: {NAT: KAZ_ACQUISITIONS[y] - KAZ_CONFIRMATIONS[y], DEC: KAZ_STATELESS_DEATHS}
            for y in KAZ_ACQUISITIONS
        },
    )
    return register_tracks(stateless) + _spread_registrants(
        register_tracks(undetermined), ("kibhr", "sana-sezim", "krcs"), (5, 3, 2)
    )


def _spread_registrants(
    tracks: list[Track], registrants: tuple[str, ...], weights: tuple[int, ...]
) -> list[Track]:
    """Split each track between several registrants in fixed proportions (counts exact)."""
    result = []
    total = sum(weights)
    for track in tracks:
        given = 0
        for index, (registrant, weight) in enumerate(zip(registrants, weights, strict=True)):
            last = index == len(registrants) - 1
            count = track.count - given if last else track.count * weight // total
            given += count
            if count:
                result.append(
                    Track(
                        track.country,
                        registrant,
                        track.authority,
                        track.origin,
                        track.steps,
                        count,
                    )
                )
    return result


def _asylum(
    origin: str,
    count: int,
    applied: tuple[dt.date, dt.date],
    then: tuple[tuple[str, dt.date, dt.date], ...] = (),
    country: str = "KAZ",
    registrant: str = "kaz-mlsp",
) -> Track:
    steps = (window(ASY, *applied), *(window(s, a, b) for s, a, b in then))
    authority = {"KAZ": "kaz-mlsp"}.get(country, f"unhcr-{country.lower()}")
    return Track(country, registrant, authority, origin, steps, count)


def _d(y: int, m: int, d: int) -> dt.date:
    return dt.date(y, m, d)


def kazakhstan_refugees() -> list[Track]:
    """753 refugees and asylum-seekers as of 1 January 2024: Afghanistan 391, Ukraine 275,
    other countries 87; plus people whose protection ended earlier (not counted then)."""
    tracks = []
    # Afghans: long-standing refugees (330), recognised after 4-11 months, a few each year.
    afghan_refugees = {2002: 30, 2004: 25, 2006: 25, 2008: 20, 2010: 25, 2012: 20, 2014: 20,
                       2016: 25, 2018: 20, 2019: 15, 2020: 15, 2021: 90}  # fmt: skip
    for y, n in afghan_refugees.items():
        tracks.append(
            _asylum("AFG", n, (_d(y, 1, 2), _d(y, 6, 30)), ((REF, _d(y, 9, 1), _d(y, 12, 31)),))
        )
    # Afghans waiting for a decision on 1 January 2024 (61), decided in 2024.
    tracks.append(
        _asylum("AFG", 41, (_d(2023, 3, 1), _d(2023, 12, 20)), ((REF, _d(2024, 3, 1), HORIZON),))
    )
    tracks.append(_asylum("AFG", 20, (_d(2023, 6, 1), _d(2023, 12, 20))))
    # Afghans resettled or departed before 2024, and rejected applicants who left.
    tracks.append(
        _asylum(
            "AFG",
            150,
            (_d(2005, 1, 2), _d(2012, 12, 31)),
            ((REF, _d(2013, 1, 2), _d(2014, 12, 31)), (DEP, _d(2015, 1, 2), _d(2021, 12, 31))),
        )
    )
    tracks.append(
        _asylum(
            "AFG", 40, (_d(2015, 1, 2), _d(2021, 6, 30)), ((DEP, _d(2021, 7, 1), _d(2022, 12, 31)),)
        )
    )
    # Ukrainians since 2022: 15 recognised, 260 waiting on 1 January 2024; others left.
    tracks.append(
        _asylum(
            "UKR", 15, (_d(2022, 3, 1), _d(2022, 8, 31)), ((REF, _d(2022, 11, 1), _d(2023, 6, 30)),)
        )
    )
    tracks.append(
        _asylum("UKR", 120, (_d(2023, 1, 2), _d(2023, 12, 20)), ((REF, _d(2024, 2, 1), HORIZON),))
    )
    tracks.append(
        _asylum("UKR", 80, (_d(2023, 1, 2), _d(2023, 12, 20)), ((DEP, _d(2024, 2, 1), HORIZON),))
    )
    tracks.append(_asylum("UKR", 60, (_d(2023, 6, 1), _d(2023, 12, 20))))
    tracks.append(
        _asylum(
            "UKR", 60, (_d(2022, 3, 1), _d(2022, 9, 30)), ((DEP, _d(2022, 10, 1), _d(2023, 9, 30)),)
        )
    )
    # Other countries of origin: 60 refugees and 27 asylum-seekers on 1 January 2024.
    others = {
        "SYR": (14, 6),
        "IRN": (7, 3),
        "RUS": (8, 7),
        "UZB": (6, 2),
        "TJK": (5, 1),
        "CHN": (8, 2),
        "IRQ": (5, 1),
        "YEM": (3, 1),
        "SOM": (3, 2),
        "PAK": (1, 2),
    }
    for origin, (refugees, waiting) in others.items():
        tracks.append(
            _asylum(
                origin,
                refugees,
                (_d(2012, 1, 2), _d(2021, 12, 31)),
                ((REF, _d(2022, 1, 2), _d(2023, 12, 31)),),
            )
        )
        tracks.append(_asylum(origin, waiting, (_d(2023, 4, 1), _d(2023, 12, 20))))
    # New applications after the reference date.
    tracks.append(_asylum("AFG", 45, (_d(2024, 1, 2), HORIZON)))
    tracks.append(_asylum("UKR", 30, (_d(2024, 1, 2), HORIZON)))
    return [
        t if i % 5 else Track(t.country, "unhcr-kaz", t.authority, t.origin, t.steps, t.count)
        for i, t in enumerate(tracks)
    ]


# --- the other four countries (scaled) -----------------------------------------------------


def _scaled(series: dict[int, int], scale: float) -> dict[int, int]:
    return {y: round(n * scale) for y, n in series.items()}


def stateless_register(
    country: str, series: dict[int, int], scale: float, inflow_share: float = 0.02
) -> list[Track]:
    """A stateless population that follows a published year-end series: each year a small
    share is newly registered and the rest of the change is naturalisation."""
    stocks = _scaled(series, scale)
    first = min(stocks)
    exits: dict[int, dict[str, int]] = {}
    for y in sorted(stocks)[1:]:
        inflow = round(stocks[y - 1] * inflow_share)
        naturalised = stocks[y - 1] - stocks[y] + inflow
        if naturalised < 0:
            inflow -= naturalised
            naturalised = 0
        exits[y] = {NAT: naturalised} if naturalised else {}
    initial_years = range(first - 6, first + 1)
    base = stocks[first]
    initial = {y: base // len(initial_years) for y in initial_years}
    initial[first] += base - sum(initial.values())
    register = Register(
        country=country,
        status=STA,
        registrant=f"{country.lower()}-mia",
        authority=f"{country.lower()}-mia",
        initial=initial,
        stocks={y: n for y, n in stocks.items() if y > first},
        exits=exits,
    )
    return register_tracks(register)


def central_asia(scale: float) -> dict[str, list[Track]]:
    """Uzbekistan, Turkmenistan, Tajikistan and the Kyrgyz Republic, shaped by domain.md §8."""
    uzb = stateless_register(
        "UZB",
        {
            2018: 86_000,
            2019: 79_942,
            2020: 69_791,
            2021: 37_993,
            2022: 27_389,
            2023: 25_000,
            2024: 22_400,
            2025: 21_000,
        },
        scale,
    )
    tkm = stateless_register(
        "TKM",
        {2018: 5_400, 2019: 5_000, 2020: 4_600, 2021: 4_200, 2022: 3_900, 2023: 3_583, 2024: 0},
        scale,
        inflow_share=0.0,
    )
    tjk = stateless_register(
        "TJK",
        {
            2018: 5_200,
            2019: 5_000,
            2020: 4_800,
            2021: 4_500,
            2022: 4_200,
            2023: 3_900,
            2024: 3_600,
            2025: 3_400,
        },
        scale,
    )
    kgz = stateless_register(
        "KGZ",
        {2013: 11_000, 2014: 9_000, 2015: 6_000, 2016: 3_500, 2017: 1_600, 2018: 400, 2019: 0},
        scale,
        inflow_share=0.0,
    )

    def refugees(country: str, origin: str, count: int, applied: tuple[dt.date, dt.date]) -> Track:
        n = max(1, round(count * scale))
        return _asylum(
            origin,
            n,
            applied,
            ((REF, applied[1] + dt.timedelta(days=60), applied[1] + dt.timedelta(days=240)),),
            country=country,
            registrant=f"unhcr-{country.lower()}",
        )

    tjk.append(refugees("TJK", "AFG", 5_989, (_d(2010, 1, 2), _d(2020, 6, 30))))
    tjk.append(
        _asylum(
            "AFG",
            round(5_619 * scale),
            (_d(2023, 1, 2), _d(2023, 5, 31)),
            country="TJK",
            registrant="unhcr-tjk",
        )
    )
    kgz.append(refugees("KGZ", "AFG", 320, (_d(2008, 1, 2), _d(2020, 6, 30))))
    kgz.append(refugees("KGZ", "UKR", 360, (_d(2022, 3, 1), _d(2022, 10, 31))))
    tkm.append(refugees("TKM", "AFG", 21, (_d(2005, 1, 2), _d(2015, 12, 31))))
    uzb.append(refugees("UZB", "AFG", 14, (_d(2010, 1, 2), _d(2019, 12, 31))))
    return {"UZB": uzb, "TKM": tkm, "TJK": tjk, "KGZ": kgz}


COUNTRIES = ("KAZ", "KGZ", "TJK", "TKM", "UZB")
OTHER_COUNTRIES_SCALE = 0.1


def plan(
    countries: tuple[str, ...] = COUNTRIES, scale: float = OTHER_COUNTRIES_SCALE
) -> list[Track]:
    """Every track of the named countries, in a fixed order."""
    tracks: list[Track] = []
    others = central_asia(scale)
    for country in countries:
        if country == "KAZ":
            tracks += kazakhstan_refugees() + kazakhstan_stateless()
        else:
            tracks += others[country]
    return [t for t in tracks if t.count > 0]


def scaled(country: str, persons: int) -> list[Track]:
    """Exactly ``persons`` people with the mix of Kazakhstan's plan, for benchmarks."""
    base = [t for t in plan(("KAZ",)) if t.count > 0]
    total = sum(t.count for t in base)
    tracks = []
    given = 0
    for index, track in enumerate(base):
        last = index == len(base) - 1
        count = persons - given if last else persons * track.count // total
        given += count
        if count > 0:
            tracks.append(
                Track(country, track.registrant, track.authority, track.origin, track.steps, count)
            )
    return tracks
