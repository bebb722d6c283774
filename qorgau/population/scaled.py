"""Large loads (``qorgau generate --persons N``): the same people as :mod:`.generator` draws,
drawn with NumPy a column at a time and turned straight into the rows of a bulk batch.

The calibrated population draws one household after another from ``random.Random`` and puts
every person through the registry's per-record checks: about 150 µs a person, so a million
people took a quarter of an hour. Here one batch holds one track of the plan (so the statuses,
the registrant and the citizenship are the same for all its people), and every field is an
array: household sizes, step dates, ages, sexes, relationships, names, birth dates, needs,
phones and documents are drawn for the whole batch at once, with the same distributions as
:class:`.generator.CountryGenerator` (the same size weights, age rules, name pools and
shares, document rules). Names are looked up in tables built once from the pools of
:mod:`.naming`: given names, family names in both genders, patronymics of every father's
name in every form, each in national and russified spelling.

What the per-record checks would catch cannot happen here, since the values come from fixed
tables checked once when the tables are built (names, codes, languages, phone formats) and
from arithmetic checked a batch at a time (dates in order, births before registration,
expiries after issue). The tests put every record of a load through the checks a clerk's
registration passes.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from itertools import repeat
from typing import Any

import numpy as np
from django.db import connection
from numpy.typing import NDArray

from qorgau.people import errors
from qorgau.people.models import (
    Document,
    DocumentType,
    Household,
    LegalStatusPeriod,
    Person,
    PersonNameKey,
    PersonNeed,
    PhoneNumber,
    Relationship,
    Sex,
)
from qorgau.people.models.person import name_keys_row_words
from qorgau.people.services.bulk_rows import BulkBatch, BulkLoad, Row, latin, random_uuids
from qorgau.people.services.documents import document_number_hash, document_numbers_encrypt
from qorgau.people.services.validation import CheckedValues, ErrorCollector, check_phones
from qorgau.population import naming
from qorgau.population.generator import (
    ALMATY,
    BIRTH_COUNTRIES,
    CERTIFICATES,
    DECIDED,
    LANGUAGES,
    NATIONAL_ID_DAYS,
    NEED_SHARE,
    NEEDS,
    PHONE_PREFIXES,
    REFUGEE_SIZES,
    STATELESS_SIZES,
    STREETS,
    Context,
    citizenship_for,
)
from qorgau.population.plan import ASY, HORIZON, NAT, NCF, REF, UND, Track

Ints = NDArray[np.int64]
Flags = NDArray[np.bool_]
Texts = NDArray[np.object_]

_EPOCH = dt.date(1970, 1, 1).toordinal()
_MIXED_CUM = np.array(naming.MIXED_CUM)


@dataclass(frozen=True)
class _Pool:
    names: Texts
    russified: Texts
    cum: NDArray[np.float64]

    @classmethod
    def of(cls, names: list[str], cum: tuple[float, ...]) -> _Pool:
        return cls(
            _texts(names), _texts([n.translate(naming.RUSSIFY) for n in names]), np.array(cum)
        )

    def draw(self, rng: np.random.Generator, count: int) -> Ints:
        return np.searchsorted(self.cum, rng.random(count), side="right").astype(np.int64)


@dataclass(frozen=True)
class _Names:
    """One background's name tables (national and russified spellings)."""

    male: _Pool
    female: _Pool
    family: _Pool
    feminine: _Pool
    #: ``[native * 2 + female]`` → patronymic of each male pool name as father.
    patronymics: tuple[_Pool, ...]
    russified_share: float
    native_share: float
    native_share_russified: float
    no_family_share: float

    @classmethod
    def of(cls, background: naming.Background) -> _Names:
        style = naming.STYLES[background]
        fathers = list(style.male.names)
        family = list(style.family.names)
        forms = [
            [style.patronymic(father, bool(female), bool(native)) for father in fathers]
            for native in (0, 1)
            for female in (0, 1)
        ]
        return cls(
            male=_Pool.of(fathers, style.male.cum),
            female=_Pool.of(list(style.female.names), style.female.cum),
            family=_Pool.of(family, style.family.cum),
            feminine=_Pool.of([style.feminine_of(background, r) for r in family], style.family.cum),
            patronymics=tuple(_Pool.of(f, style.male.cum) for f in forms),
            russified_share=style.russified_share,
            native_share=style.native_share,
            native_share_russified=style.native_share_russified,
            no_family_share=style.no_family_share,
        )


def _texts(values: list[Any]) -> Texts:
    array = np.empty(len(values), dtype=object)
    array[:] = values
    return array


@dataclass
class _Households:
    """The households of a batch: one value per household."""

    sizes: Ints
    dates: Ints  # (households, steps): day ordinals of the track's steps
    minutes: Ints
    backgrounds: Ints
    regions: Ints
    roots: Ints  # family name index, -1 for none
    fathers: Ints  # given name index of the principal applicant's father


@dataclass
class _People:
    """The people of a batch: one value per person."""

    household: Ints  # index of the person's household in the batch
    head: Ints  # index of the household's principal applicant
    position: Ints
    ages: Ints
    female: Flags
    relationships: Texts


@dataclass
class _Drawn:
    """A batch being built: what its rows of every table share."""

    batch: BulkBatch
    track: Track
    households: _Households
    people: _People
    ids: Ints  # the people's primary keys
    at: list[str]  # the people's registration times
    load: BulkLoad


class ScaledGenerator:
    """Batches of people with the mix of a country's plan, drawn a column at a time."""

    def __init__(self, context: Context, country: str, seed: int) -> None:
        self.context = context
        self.country = context.countries[country]
        self.rng = np.random.default_rng([seed, *country.encode()])
        self.backgrounds = tuple(naming.Background)
        self.names = [_Names.of(b) for b in self.backgrounds]
        self.needs = context.needs
        self._adapted: dict[int, str] = {}
        self._check_tables()

    # --- what is checked once ---------------------------------------------------------------

    def _check_tables(self) -> None:
        """The checks of a registration on the values batches are drawn from: every name
        form is non-empty where it must be, languages and needs are known codes, the phone
        format is a valid number in its E.164 form."""
        for names in self.names:
            if not all(names.male.names) or not all(names.female.names):
                raise ValueError("a given name of the pools is empty")
        collector = ErrorCollector()
        known = CheckedValues()
        self.languages = {
            b: json.dumps(known.language_list(collector, list(LANGUAGES[b])))
            for b in self.backgrounds
        }
        for code, _ in NEEDS:
            if code not in self.needs:
                collector.add("needs", errors.UNKNOWN_CODE, "unknown_code", code=code)
        for prefix in PHONE_PREFIXES:
            number = f"+7 70{prefix} 1234567"
            if check_phones(collector, [number]) != [f"+770{prefix}1234567"]:
                collector.add("phones", errors.PHONE_INVALID, "phone_invalid", number=number)
        collector.raise_if_any()

    # --- batches ----------------------------------------------------------------------------

    def batches(self, tracks: list[Track], size: int, load: BulkLoad) -> Iterator[BulkBatch]:
        """Batches of about ``size`` people, one track at a time."""
        for track in tracks:
            left = track.count
            while left > 0:
                households = self._households(track, min(left, size), left)
                people = int(households.sizes.sum())
                left -= people
                yield self._batch(track, households, load)

    def _households(self, track: Track, wanted: int, left: int) -> _Households:
        """Households of about ``wanted`` people; the track's last household takes only the
        ``left`` people still to draw."""
        rng = self.rng
        refugee = track.steps[0].status in (ASY, REF)
        choices, weights = REFUGEE_SIZES if refugee else STATELESS_SIZES
        p = np.array(weights, dtype=float) / sum(weights)
        sizes = rng.choice(np.array(choices), p=p, size=wanted)
        total = np.cumsum(sizes)
        count = int(np.searchsorted(total, wanted)) + 1
        sizes = sizes[:count]
        if total[count - 1] > left:
            sizes[-1] -= int(total[count - 1]) - left
        dates = self._step_dates(track, count)
        origin = track.origin or "KAZ"
        backgrounds = self._backgrounds(origin, count)
        roots = np.full(count, -1, dtype=np.int64)
        fathers = np.zeros(count, dtype=np.int64)
        for index, names in enumerate(self.names):
            mine = backgrounds == index
            drawn = int(mine.sum())
            if not drawn:
                continue
            has_family = rng.random(drawn) >= names.no_family_share
            roots[mine] = np.where(has_family, names.family.draw(rng, drawn), -1)
            fathers[mine] = names.male.draw(rng, drawn)
        regions, region_weights = self.context.regions[self.country.iso3]
        region_p = np.array(region_weights, dtype=float) / sum(region_weights)
        return _Households(
            sizes=sizes.astype(np.int64),
            dates=dates,
            minutes=rng.integers(0, 60, count),
            backgrounds=backgrounds,
            regions=rng.choice(len(regions), p=region_p, size=count),
            roots=roots,
            fathers=fathers,
        )

    def _step_dates(self, track: Track, count: int) -> Ints:
        """Each step's day, at or after its window's first day and after the previous step."""
        dates = np.zeros((count, len(track.steps)), dtype=np.int64)
        for position, step in enumerate(track.steps):
            first = np.full(count, step.first.toordinal(), dtype=np.int64)
            if position:
                first = np.maximum(first, dates[:, position - 1] + 1)
            last = np.maximum(first, step.last.toordinal())
            dates[:, position] = first + self.rng.integers(0, last - first + 1)
        return dates

    def _backgrounds(self, origin: str, count: int) -> Ints:
        index = {b: i for i, b in enumerate(self.backgrounds)}
        if origin == "AFG":
            dari = self.rng.random(count) < 0.7
            return np.where(
                dari,
                index[naming.Background.AFGHAN_DARI],
                index[naming.Background.AFGHAN_PASHTO],
            )
        own = naming.ORIGIN_BACKGROUNDS.get(origin)
        if own is not None:
            return np.full(count, index[own], dtype=np.int64)
        mixed = np.array([index[b] for b in naming.MIXED])
        return mixed[np.searchsorted(_MIXED_CUM, self.rng.random(count), side="right")]

    def _people(self, households: _Households, refugee: bool) -> _People:
        """Principal applicant, spouse and children (or siblings), as ``generator._ages``."""
        rng = self.rng
        sizes = households.sizes
        count = len(sizes)
        household = np.repeat(np.arange(count), sizes)
        starts = np.cumsum(sizes) - sizes
        position = np.arange(len(household)) - np.repeat(starts, sizes)
        head_age = rng.integers(20, 63, count) if refugee else rng.integers(18, 71, count)
        head_female = rng.random(count) >= (0.72 if refugee else 0.55)
        spouse = (sizes >= 2) & (head_age >= 20)
        spouse_age = np.maximum(18, head_age + rng.integers(-8, 5, count))
        youngest = np.where(spouse, np.minimum(head_age, spouse_age), head_age)
        # Everyone else, drawn for every person and kept where it applies.
        other_female = rng.random(len(household)) < 0.5
        young = youngest[household]
        child_age = rng.integers(0, np.minimum(17, np.maximum(young - 18, 0)) + 1)
        sibling_age = rng.integers(15, 41, len(household))
        children = young >= 19
        is_head = position == 0
        is_spouse = (position == 1) & spouse[household]
        ages = np.where(children, child_age, sibling_age)
        ages = np.where(is_spouse, spouse_age[household], ages)
        ages = np.where(is_head, head_age[household], ages)
        female = np.where(is_spouse, ~head_female[household], other_female)
        female = np.where(is_head, head_female[household], female)
        relationships = np.where(
            children,
            np.where(female, Relationship.DAUGHTER, Relationship.SON),
            np.where(female, Relationship.SISTER, Relationship.BROTHER),
        ).astype(object)
        spouses = np.where(female, Relationship.WIFE, Relationship.HUSBAND).astype(object)
        relationships = np.where(is_spouse, spouses, relationships)
        relationships = np.where(is_head, Relationship.PRINCIPAL, relationships)
        head = np.repeat(starts, sizes)
        return _People(household, head, position, ages, female, relationships)

    def _names(self, households: _Households, people: _People) -> tuple[Texts, Texts, Texts]:
        """Family name, given name, patronymic, as ``naming.draw_name`` draws them: per
        person a given name, russified spelling or not, native patronymic form or not; the
        household's family name in the person's gender; the father's name for the patronymic
        (the principal applicant's own father; for children the principal applicant if a
        man, else the principal's father; for others any man's name)."""
        rng = self.rng
        total = len(people.household)
        backgrounds = households.backgrounds[people.household]
        given = np.zeros(total, dtype=np.int64)
        father = np.zeros(total, dtype=np.int64)
        russified = np.zeros(total, dtype=bool)
        native = np.zeros(total, dtype=bool)
        groups = [(names, np.flatnonzero(backgrounds == i)) for i, names in enumerate(self.names)]
        for names, mine in groups:
            count = len(mine)
            female = people.female[mine]
            given[mine] = np.where(
                female, names.female.draw(rng, count), names.male.draw(rng, count)
            )
            father[mine] = names.male.draw(rng, count)
            russified[mine] = rng.random(count) < names.russified_share
            share = np.where(russified[mine], names.native_share_russified, names.native_share)
            native[mine] = rng.random(count) < share
        head = people.head
        own_father = households.fathers[people.household]
        child = np.isin(people.relationships, (Relationship.SON, Relationship.DAUGHTER))
        children_father = np.where(people.female[head], own_father, given[head])
        father = np.where(people.position == 0, own_father, father)
        father = np.where(child, children_father, father)
        family, given_text, patronymic = (np.empty(total, dtype=object) for _ in range(3))
        form = native.astype(np.int64) * 2 + people.female.astype(np.int64)
        roots = households.roots[people.household]
        for names, mine in groups:
            female, spelled = people.female[mine], russified[mine]
            given_text[mine] = np.where(
                female,
                _spelling(names.female, np.where(female, given[mine], 0), spelled),
                _spelling(names.male, np.where(female, 0, given[mine]), spelled),
            )
            for key, pool in enumerate(names.patronymics):
                chosen = mine[form[mine] == key]
                patronymic[chosen] = _spelling(pool, father[chosen], russified[chosen])
            root = roots[mine]
            known = np.maximum(root, 0)
            forms = np.where(
                female,
                _spelling(names.feminine, known, spelled),
                _spelling(names.family, known, spelled),
            )
            family[mine] = np.where(root >= 0, forms, "")
        return family, given_text, patronymic

    # --- one batch --------------------------------------------------------------------------

    def _batch(self, track: Track, households: _Households, load: BulkLoad) -> BulkBatch:
        rng = self.rng
        refugee = track.steps[0].status in (ASY, REF)
        people = self._people(households, refugee)
        total = len(people.household)
        registrant = self.context.organisations[track.registrant]
        authority = self.context.organisations[track.authority]
        origin = self.context.countries.get(track.origin) if track.origin else None
        office = self.country.pk
        registered = households.dates[:, 0]
        stamps = [
            self._at(d, m)
            for d, m in zip(registered.tolist(), households.minutes.tolist(), strict=True)
        ]
        years = [dt.date.fromordinal(d).year for d in registered.tolist()]

        household_ids = load.ids(Household, len(households.sizes))
        person_ids = load.ids(Person, total)
        ids = np.arange(person_ids.start, person_ids.stop, dtype=np.int64)
        member_household = np.asarray(household_ids)[people.household]
        member = people.household.tolist()  # each person's household, by position
        at = [stamps[h] for h in member]
        batch = BulkBatch(len(household_ids), total, None)
        batch.tables[Household] = list(
            zip(
                household_ids, random_uuids(len(household_ids)), repeat(office),
                repeat(registrant.pk), repeat(""), repeat(1), stamps, stamps,
            )
        )  # fmt: skip
        batch.numbering[Household] = [(office, self.country.iso3, y) for y in years]
        batch.numbering[Person] = [(office, self.country.iso3, years[h]) for h in member]

        family, given, patronymic = self._names(households, people)
        birth = self._births(registered[people.household], people.ages)
        citizenship, citizenship_country = self._citizenship(track, origin)
        birth_countries = self._birth_countries(origin, total)
        languages = [self.languages[self.backgrounds[b]] for b in households.backgrounds]
        regions, _ = self.context.regions[self.country.iso3]
        addresses = [
            f"{regions[r].name_ru}, ул. {STREETS[s]}, {n}"
            for r, s, n in zip(
                households.regions.tolist(),
                rng.integers(0, len(STREETS), len(households.sizes)).tolist(),
                rng.integers(1, 181, len(households.sizes)).tolist(),
                strict=True,
            )
        ]
        family_list, given_list, patronymic_list = (
            family.tolist(),
            given.tolist(),
            patronymic.tolist(),
        )
        batch.tables[Person] = list(
            zip(
                ids.tolist(), random_uuids(total), repeat(office), repeat(registrant.pk),
                repeat(""), repeat(1), at, at, family_list, given_list, patronymic_list,
                map(latin, family_list), map(latin, given_list), map(latin, patronymic_list),
                np.where(people.female, Sex.FEMALE, Sex.MALE).tolist(),
                *birth, birth_countries, repeat(""), repeat(citizenship),
                repeat(citizenship_country), repeat(origin.pk if origin else None),
                [languages[h] for h in member], [addresses[h] for h in member],
                [regions[households.regions[h]].pk for h in member],
                member_household.tolist(), people.relationships.tolist(), repeat(None),
            )
        )  # fmt: skip

        drawn = _Drawn(batch, track, households, people, ids, at, load)
        self._statuses(drawn, registrant.pk, authority.pk)
        self._documents(drawn, birth, origin)
        self._small(drawn, (family_list, given_list, patronymic_list))
        return batch

    def _at(self, ordinal: int, minute: int) -> str:
        """The registration time (10:``minute`` in Almaty) as the database takes it; the
        minute stands at the same place whatever the offset ("YYYY-MM-DD HH:MM…")."""
        day = self._adapted.get(ordinal)
        if day is None:
            moment = dt.datetime.combine(dt.date.fromordinal(ordinal), dt.time(10), ALMATY)
            day = self._adapted[ordinal] = str(connection.ops.adapt_datetimefield_value(moment))
        return f"{day[:14]}{minute:02d}{day[16:]}"

    def _births(self, registered: Ints, ages: Ints) -> list[list[Any]]:
        """Year, month, day and precision columns, as ``generator._birth``."""
        born = registered - (ages * 365 + self.rng.integers(0, 365, len(ages)))
        if np.any(born > registered):
            raise ValueError("a birth after registration")
        days = (born - _EPOCH).astype("datetime64[D]")
        year = days.astype("datetime64[Y]").astype(np.int64) + 1970
        month = days.astype("datetime64[M]").astype(np.int64) % 12 + 1
        day = (days - days.astype("datetime64[M]")).astype(np.int64) + 1
        roll = self.rng.random(len(ages))
        precision = np.select(
            [roll < 0.86, roll < 0.91, roll < 0.97], ["exact", "month", "year"], "estimated"
        )
        month_known = roll < 0.91
        day_known = roll < 0.86
        return [
            year.tolist(),
            [m if k else None for m, k in zip(month.tolist(), month_known.tolist(), strict=True)],
            [d if k else None for d, k in zip(day.tolist(), day_known.tolist(), strict=True)],
            precision.tolist(),
        ]

    def _citizenship(self, track: Track, origin: Any) -> tuple[str, int | None]:
        status, country = citizenship_for(track, self.country, origin)
        return status, country.pk if country else None

    def _birth_countries(self, origin: Any, count: int) -> list[int]:
        if origin is not None:
            return [origin.pk] * count
        choices = np.array([self.context.countries[c].pk for c in BIRTH_COUNTRIES])
        return choices[self.rng.integers(0, len(choices), count)].tolist()

    @cached_property
    def _need_codes(self) -> tuple[list[str], NDArray[np.float64]]:
        codes, weights = zip(*NEEDS, strict=True)
        return list(codes), np.cumsum(weights) / sum(weights)

    # --- the person's other rows ------------------------------------------------------------

    def _statuses(self, drawn: _Drawn, registrant: int, authority: int) -> None:
        batch, track, households, people = drawn.batch, drawn.track, drawn.households, drawn.people
        ids, at, load = drawn.ids, drawn.at, drawn.load
        steps = len(track.steps)
        dates = households.dates[people.household]
        if steps > 1 and np.any(np.diff(dates, axis=1) <= 0):
            raise ValueError("status periods out of order")
        iso = [_iso(dates[:, j]) for j in range(steps)]
        keys = load.ids(LegalStatusPeriod, len(ids) * steps)
        uuids = random_uuids(len(keys))
        rows: list[Row] = []
        person_ids = ids.tolist()
        for j, step in enumerate(track.steps):
            ends = iso[j + 1] if j + 1 < steps else repeat(None)
            decided = authority if step.status in DECIDED else None
            first = j * len(person_ids)
            rows.extend(
                zip(
                    keys[first : first + len(person_ids)], uuids[first : first + len(person_ids)],
                    person_ids, repeat(step.status), iso[j], ends, repeat(decided),
                    repeat(registrant), repeat(""), at,
                )
            )  # fmt: skip
        batch.tables[LegalStatusPeriod] = rows

    def _documents(self, drawn: _Drawn, birth: list[list[Any]], origin: Any) -> None:
        """The documents held at the horizon, as ``CountryGenerator._documents``."""
        batch, track, households, people = drawn.batch, drawn.track, drawn.households, drawn.people
        ids, at, load = drawn.ids, drawn.at, drawn.load
        rng = self.rng
        year = np.array(birth[0], dtype=np.int64)
        month = np.array([m or 1 for m in birth[1]], dtype=np.int64)
        day = np.array([d or 1 for d in birth[2]], dtype=np.int64)
        age = HORIZON.year - year
        final = track.steps[-1].status
        since = households.dates[people.household, -1]
        horizon = HORIZON.toordinal()
        country = self.country.pk
        chosen: list[tuple[Ints, str, list[str], Ints | list[int], Ints, Ints | None]] = []
        child = age < 16
        if child.any():
            rows = np.flatnonzero(child)
            born = _ordinals(year[rows], month[rows], day[rows])
            issued = born + rng.integers(3, 61, len(rows))
            own = rng.random(len(rows)) < 0.5
            issuer = np.where(own, country, origin.pk if origin else country)
            numbers = [f"I-{n}" for n in rng.integers(10**8, 10**9, len(rows)).tolist()]
            chosen.append((rows, DocumentType.BIRTH_CERTIFICATE, numbers, issuer, issued, None))
        kind, cycle = CERTIFICATES.get(final, ("", 0))
        holder = ~child & (age >= 18) if final == ASY else ~child
        if cycle and kind and holder.any():
            rows = np.flatnonzero(holder)
            passed = np.maximum(0, (horizon - since[rows]) // cycle)
            issued = since[rows] + cycle * passed
            chosen.append((rows, kind, self._numbers(len(rows)), [country], issued, issued + cycle))
        elif final in (NAT, NCF) and holder.any():
            rows = np.flatnonzero(holder)
            issued = since[rows]
            numbers = self._numbers(len(rows))
            chosen.append(
                (
                    rows,
                    DocumentType.NATIONAL_ID,
                    numbers,
                    [country],
                    issued,
                    issued + NATIONAL_ID_DAYS,
                )
            )
        adult = ~child & (age >= 18)
        if final in (ASY, REF) and self.country.iso3 == "KAZ" and adult.any():
            rows = np.flatnonzero(adult)
            serial = rng.integers(0, 1_000_000, len(rows)).tolist()
            numbers = [
                f"{y % 100:02d}{m:02d}{d:02d}{s:06d}"
                for y, m, d, s in zip(
                    year[rows].tolist(),
                    month[rows].tolist(),
                    day[rows].tolist(),
                    serial,
                    strict=True,
                )
            ]
            issued = households.dates[people.household[rows], 0]
            chosen.append((rows, DocumentType.IIN, numbers, [country], issued, None))
        documents: list[Row] = []
        all_numbers = [n for _, _, numbers, _, _, _ in chosen for n in numbers]
        if not all_numbers:
            batch.tables[Document] = []
            return
        keys = iter(load.ids(Document, len(all_numbers)))
        uuids = iter(random_uuids(len(all_numbers)))
        secrets = iter(document_numbers_encrypt(all_numbers))
        person_ids = ids.tolist()
        for rows, kind_, numbers, issuers, issued, expires in chosen:
            if expires is not None and np.any(expires <= issued):
                raise ValueError("a document expiring before it is issued")
            issuer_list = (
                issuers.tolist() if isinstance(issuers, np.ndarray) else issuers * len(rows)
            )
            ends = _iso(expires) if expires is not None else repeat(None)
            for row, number, issuer, issued_on, expires_on in zip(
                rows.tolist(), numbers, issuer_list, _iso(issued), ends, strict=False
            ):
                documents.append(
                    (
                        next(keys), next(uuids), person_ids[row], kind_, next(secrets),
                        document_number_hash(number), issuer, "", issued_on, expires_on,
                        at[row], at[row],
                    )
                )  # fmt: skip
        batch.tables[Document] = documents

    def _numbers(self, count: int) -> list[str]:
        return [f"N{n}" for n in self.rng.integers(10**7, 10**8, count).tolist()]

    def _small(self, drawn: _Drawn, names: tuple[list[str], list[str], list[str]]) -> None:
        """Phones of principal applicants, specific needs, and the name search keys."""
        batch, track, people = drawn.batch, drawn.track, drawn.people
        ids, at, load = drawn.ids, drawn.at, drawn.load
        rng = self.rng
        total = len(ids)
        person_ids = ids.tolist()
        phones: list[tuple[int, str, str]] = []
        if self.country.iso3 == "KAZ":
            has_phone = (people.position == 0) & (rng.random(total) < 0.6)
            rows = np.flatnonzero(has_phone).tolist()
            prefixes = rng.integers(0, len(PHONE_PREFIXES), len(rows)).tolist()
            numbers = rng.integers(1_000_000, 10_000_000, len(rows)).tolist()
            phones = [
                (person_ids[r], f"+770{PHONE_PREFIXES[p]}{n}", at[r])
                for r, p, n in zip(rows, prefixes, numbers, strict=True)
            ]
        codes, cum = self._need_codes
        has_need = rng.random(total) < NEED_SHARE
        need_drawn = np.searchsorted(cum, rng.random(total), side="right")
        lacks_papers = (
            rng.random(total) < 0.6 if track.steps[-1].status == UND else np.zeros(total, bool)
        )
        needs: list[tuple[int, int, str]] = []
        undocumented = self.needs["LP-ND"]
        for row in np.flatnonzero(has_need | lacks_papers).tolist():
            chosen = [self.needs[codes[need_drawn[row]]]] if has_need[row] else []
            if lacks_papers[row] and undocumented not in chosen:
                chosen.append(undocumented)
            needs.extend((person_ids[row], need, at[row]) for need in chosen)
        registrant = self.context.organisations[drawn.track.registrant].pk
        keys: list[tuple[int, str, str, int]] = []
        for person, texts in zip(person_ids, zip(*names, strict=True), strict=True):
            found = {key for text in texts for key in load.fold(text)}
            words = name_keys_row_words(found)
            keys.extend((person, key, words, registrant) for key in sorted(found))
        for model, items in ((PhoneNumber, phones), (PersonNeed, needs), (PersonNameKey, keys)):
            batch.tables[model] = [
                (pk, *item) for pk, item in zip(load.ids(model, len(items)), items, strict=True)
            ]


def _ordinals(year: Ints, month: Ints, day: Ints) -> Ints:
    months = (year - 1970) * 12 + (month - 1)
    days = months.astype("datetime64[M]").astype("datetime64[D]").astype(np.int64) + day - 1
    return days + _EPOCH


def _iso(ordinals: Ints) -> list[str]:
    return (ordinals - _EPOCH).astype("datetime64[D]").astype(str).tolist()


def _spelling(pool: _Pool, index: Ints, russified: Flags) -> Texts:
    return np.where(russified, pool.russified[index], pool.names[index])
