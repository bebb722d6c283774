"""The source lists the real operation receives before identity resolution.

ALL DATA IS SYNTHETIC. Kazakhstan's stateless population is regenerated in memory from the
same seed as ``qorgau generate`` (nothing is read from or written to the registry's tables),
and the people who on 1 January 2024 are stateless (``STA``) or of undetermined nationality
(``UND``) are written, as the operation would receive them, into:

* ``government.csv``/``.xlsx``: the Migration Service's list of stateless people, in Cyrillic as
  on documents (sometimes russified, as on older documents), plus the people of undetermined
  nationality it knows of; a few people registered twice (a re-registration).
* ``partner_<ngo>.csv``/``.xlsx``: each partner NGO's list of the people it documents or
  assists, in Latin letters by the transliteration habits of its staff, with the noise of
  lists typed by hand (typos, missing patronymics, year-only or wrong dates, swapped names).
* ``ground_truth.csv``: for every row of every list, the key of the true person
  (``GEN-KAZ-…``, the ``source_id`` the same seed gives the person in the registry).

The lists use the column layout ``qorgau match`` reads (:data:`COLUMNS`). Everything is drawn
from one ``random.Random`` seeded with the seed, apart from the generator's own, so a seed
always gives byte-identical CSV files.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import combinations
from pathlib import Path

from openpyxl import Workbook

from qorgau.people.dates import PartialDate
from qorgau.people.models import DatePrecision, DocumentType, Sex
from qorgau.people.services.bulk import BulkPerson
from qorgau.population import naming, plan
from qorgau.population.generator import LANGUAGES, Context, CountryGenerator
from qorgau.population.plan import STA, UND
from qorgau.reference.models import Country

AS_OF = dt.date(2024, 1, 1)
"""The day the lists describe: who is stateless or of undetermined nationality then."""

COLUMNS = (
    "id",
    "family_name",
    "given_name",
    "patronymic",
    "sex",
    "date_of_birth",
    "place_of_birth",
    "nationality",
    "document_number",
)
GROUND_TRUTH_COLUMNS = ("list", "row_id", "person_key")
GOVERNMENT = "government"
#: Partner NGO (organisation code) → prefix of the NGO's own row ids.
PARTNERS = {"kibhr": "KIBHR", "sana-sezim": "SANASEZIM", "krcs": "KRCS"}
PARTNER_WEIGHTS = (5, 3, 2)  # how often each partner assists a stateless person

# Who appears where.
GOVERNMENT_UND_SHARE = 0.15  # people of undetermined nationality the government also lists
GOVERNMENT_DUPLICATE_SHARE = 0.02  # people the government registered twice
GOVERNMENT_RUSSIFIED_SHARE = 0.25  # names written with Russian look-alikes (older documents)
PARTNER_STA_SHARE = 0.10  # stateless people assisted by a partner
SECOND_PARTNER_SHARE = 0.10  # of those, also assisted by a second partner
UND_OTHER_PARTNER_SHARE = 0.05  # people of undetermined nationality also on another list
PARTNER_DUPLICATE_SHARE = 0.01  # rows a partner entered twice
# Noise of the partner lists, per row and independently.
HOUSE_HABIT_SHARE = 0.5  # rows in the list's own transliteration habit (else one per row)
TYPO_SHARE = 0.08
NO_PATRONYMIC_SHARE = 0.30
YEAR_ONLY_SHARE = 0.10
SWAPPED_NAMES_SHARE = 0.05
WRONG_DATE_SHARE = 0.03  # a day off by one, or day and month swapped
NO_DOCUMENT_SHARE = 0.20
SPACED_DOCUMENT_SHARE = 0.10  # "N 12345678": the same number once normalised
NO_PLACE_SHARE = 0.40
CAPITALS_LIST_SHARE = 1 / 3  # lists that write family names in capitals

_SEX: dict[str, str] = {Sex.MALE: "M", Sex.FEMALE: "F"}
_BACKGROUNDS = {tuple(languages): background for background, languages in LANGUAGES.items()}
_HOUSE_HABITS = (naming.LatinHabit.ICAO, naming.LatinHabit.BGN, naming.LatinHabit.REGIONAL)


@dataclass(frozen=True, slots=True)
class _Person:
    """One person stateless or of undetermined nationality on :data:`AS_OF`."""

    key: str
    status: str
    registrant: str
    since: dt.date
    family_name: str
    given_name: str
    patronymic: str
    sex: str
    birth: PartialDate
    background: naming.Background | None
    birth_country: Country | None
    document: str


@dataclass(slots=True)
class _Row:
    person: _Person
    on: dt.date  # when the row was entered: rows are numbered in this order
    family_name: str
    given_name: str
    patronymic: str
    sex: str
    date_of_birth: str
    place_of_birth: str
    document_number: str
    nationality: str = ""  # ISO3; empty for the stateless and undetermined
    id: str = ""

    def values(self) -> tuple[str, ...]:
        return (
            self.id,
            self.family_name,
            self.given_name,
            self.patronymic,
            self.sex,
            self.date_of_birth,
            self.place_of_birth,
            self.nationality,
            self.document_number,
        )


@dataclass(frozen=True)
class ListsSummary:
    """What :func:`write_source_lists` wrote: rows per list and the true duplicate pairs."""

    directory: Path
    rows: dict[str, int]
    people: int
    pairs_within: int  # pairs of rows of one list that are the same person
    pairs_across: int  # pairs of rows of two lists that are the same person
    files: list[Path] = field(default_factory=list)

    @property
    def pairs(self) -> int:
        return self.pairs_within + self.pairs_across

    def __str__(self) -> str:
        lists = ", ".join(f"{name} {count:,}" for name, count in self.rows.items())
        return (
            f"Lists in {self.directory}: {lists} rows; {self.people:,} people, "
            f"{self.pairs:,} true duplicate pairs ({self.pairs_within:,} within lists, "
            f"{self.pairs_across:,} across lists)."
        )


def write_source_lists(directory: Path, *, seed: int, context: Context) -> ListsSummary:
    """Write the government and partner lists of Kazakhstan for ``seed`` into ``directory``.

    The directory is created if needed; existing files of the same names are replaced.
    """
    rng = random.Random(f"{seed}:lists")  # noqa: S311 (synthetic data)
    people = list(_stateless_people(rng, context, seed))
    lists: dict[str, list[_Row]] = {GOVERNMENT: _government(rng, people)}
    codes = list(PARTNERS)
    entries: dict[str, list[tuple[_Person, dt.date]]] = {code: [] for code in codes}
    for person in people:
        for code in _partners_of(rng, person, codes):
            entries[code].append(_partner_entry(rng, person))
    for code in codes:
        lists[f"partner_{code}"] = _partner(rng, code, entries[code])

    directory.mkdir(parents=True, exist_ok=True)
    files = []
    truth: list[tuple[str, str, str]] = []
    for name, rows in lists.items():
        table = [row.values() for row in rows]
        files.append(_write_csv(directory / f"{name}.csv", COLUMNS, table))
        files.append(_write_xlsx(directory / f"{name}.xlsx", name, COLUMNS, table))
        truth += [(name, row.id, row.person.key) for row in rows]
    files.append(_write_csv(directory / "ground_truth.csv", GROUND_TRUTH_COLUMNS, truth))
    within, across = _pairs(truth)
    summary = ListsSummary(
        directory=directory,
        rows={name: len(rows) for name, rows in lists.items()},
        people=len({key for _, _, key in truth}),
        pairs_within=within,
        pairs_across=across,
        files=files,
    )
    readme = directory / "README.txt"
    readme.write_text(_readme(seed, summary), encoding="utf-8")
    files.append(readme)
    return summary


# --- the people ------------------------------------------------------------------------------


def _stateless_people(rng: random.Random, context: Context, seed: int) -> Iterator[_Person]:
    """Kazakhstan's people who are STA or UND on :data:`AS_OF`, as ``generate`` makes them.

    The whole calibrated plan of Kazakhstan is regenerated (refugees included, then dropped),
    so that the generator draws exactly what ``qorgau generate --seed`` inserted and the keys
    are the registry's ``source_id``.
    """
    registrants = {organisation.pk: code for code, organisation in context.organisations.items()}
    generator = CountryGenerator(context, "KAZ", seed)
    for _, members in generator.households(plan.plan(("KAZ",))):
        for member in members:
            status = _status_on(member, AS_OF)
            if status is None or status[0] not in (STA, UND):
                continue
            data = member.data
            yield _Person(
                key=member.source_id,
                status=status[0],
                registrant=registrants[member.registered_by_id],
                since=status[1],
                family_name=data.family_name,
                given_name=data.given_name,
                patronymic=data.patronymic,
                sex=data.sex,
                birth=data.birth,
                background=_BACKGROUNDS.get(tuple(data.languages)),
                birth_country=data.birth_country,
                document=_document(rng, member, status[0]),
            )


def _status_on(person: BulkPerson, day: dt.date) -> tuple[str, dt.date] | None:
    for period in person.statuses:
        if period.effective_from <= day and (
            period.effective_to is None or day < period.effective_to
        ):
            return period.status, period.effective_from
    return None


def _document(rng: random.Random, person: BulkPerson, status: str) -> str:
    """The number a list would show: the stateless certificate, else a birth certificate.

    The generator gives people the documents they hold at its horizon (mid-2026): a stateless
    person naturalised after 2023 holds an identity card by then, not the certificate of
    2023, so that certificate's number is drawn here."""
    numbers = {document.type: document.number for document in person.documents}
    number = numbers.get(DocumentType.STATELESS_CERTIFICATE) or numbers.get(
        DocumentType.BIRTH_CERTIFICATE
    )
    if number is None and status == STA:
        number = f"N{rng.randrange(10**7, 10**8)}"
    return number or ""


def _day_between(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    if last <= first:
        return first
    return first + dt.timedelta(days=int(rng.random() * ((last - first).days + 1)))


def _date_text(birth: PartialDate, *, year_only: bool = False) -> str:
    """``dd.mm.yyyy`` for an exact date, ``yyyy`` for anything less (the lists' two forms)."""
    if birth.year is None:
        return ""
    born = _exact_day(birth)
    if year_only or born is None:
        return f"{birth.year:04d}"
    return f"{born:%d.%m.%Y}"


def _wrong_date(rng: random.Random, born: dt.date) -> str:
    """The date with the day and month swapped (where that is a date) or a day off by one."""
    if born.day <= 12 and born.day != born.month and rng.random() < 0.5:
        return f"{born.month:02d}.{born.day:02d}.{born.year:04d}"
    shifted = born + dt.timedelta(days=1 if rng.random() < 0.5 else -1)
    return f"{shifted:%d.%m.%Y}"


def _exact_day(birth: PartialDate) -> dt.date | None:
    """The date of birth if it is known to the day."""
    if birth.precision != DatePrecision.EXACT or not (birth.year and birth.month and birth.day):
        return None
    return dt.date(birth.year, birth.month, birth.day)


# --- the government list ---------------------------------------------------------------------


def _government(rng: random.Random, people: list[_Person]) -> list[_Row]:
    rows = []
    for person in people:
        if person.status == STA:
            on = person.since
        elif rng.random() < GOVERNMENT_UND_SHARE:
            on = _day_between(rng, person.since, AS_OF - dt.timedelta(days=1))
        else:
            continue
        row = _government_row(rng, person, on)
        rows.append(row)
        if rng.random() < GOVERNMENT_DUPLICATE_SHARE:
            again = _day_between(rng, on + dt.timedelta(days=30), AS_OF - dt.timedelta(days=1))
            rows.append(_re_registration(rng, row, again))
    return _numbered(rows, "MIA-", 7)


def _government_row(rng: random.Random, person: _Person, on: dt.date) -> _Row:
    names = [person.family_name, person.given_name, person.patronymic]
    if person.background != naming.Background.UKRAINIAN and (
        rng.random() < GOVERNMENT_RUSSIFIED_SHARE
    ):
        names = [naming.russify(name) for name in names]
    country = person.birth_country
    return _Row(
        person=person,
        on=on,
        family_name=names[0],
        given_name=names[1],
        patronymic=names[2],
        sex=_SEX.get(person.sex, ""),
        date_of_birth=_date_text(person.birth),
        place_of_birth=country.name_ru if country else "",
        document_number=person.document,
    )


def _re_registration(rng: random.Random, row: _Row, on: dt.date) -> _Row:
    """The same person registered again: one or two small differences from the first row."""
    person = row.person
    changes = ["typo", "document"]
    if row.patronymic:
        changes.append("patronymic")
    born = _exact_day(person.birth)
    if born is not None:
        changes += ["year", "date"]
    russified = naming.russify(row.family_name + row.given_name + row.patronymic)
    if person.background != naming.Background.UKRAINIAN and russified != (
        row.family_name + row.given_name + row.patronymic
    ):
        changes.append("russify")
    again = replace(row, on=on)
    for change in rng.sample(changes, 1 if rng.random() < 0.6 else 2):
        if change == "typo":
            _typo(rng, again)
        elif change == "document":
            again.document_number = ""
        elif change == "patronymic":
            again.patronymic = ""
        elif change == "year":
            again.date_of_birth = _date_text(person.birth, year_only=True)
        elif change == "date" and born is not None:
            again.date_of_birth = _wrong_date(rng, born)
        else:
            again.family_name = naming.russify(again.family_name)
            again.given_name = naming.russify(again.given_name)
            again.patronymic = naming.russify(again.patronymic)
    if again.values() == row.values():  # e.g. no document to drop
        _typo(rng, again)
    return again


def _typo(rng: random.Random, row: _Row) -> None:
    """One typo in the family name (50%), the given name (35%) or the patronymic (15%)."""
    roll = rng.random()
    if roll < 0.15 and row.patronymic:
        row.patronymic = naming.typo(rng, row.patronymic)
    elif roll < 0.5 and row.given_name:
        row.given_name = naming.typo(rng, row.given_name)
    elif row.family_name:
        row.family_name = naming.typo(rng, row.family_name)
    else:
        row.given_name = naming.typo(rng, row.given_name)


# --- the partner lists -----------------------------------------------------------------------


def _partners_of(rng: random.Random, person: _Person, codes: list[str]) -> list[str]:
    """The partner lists a person is on: their own NGO's, or those of NGOs that assisted them."""
    if person.status == UND:
        partners = [person.registrant]
        if rng.random() < UND_OTHER_PARTNER_SHARE:
            partners.append(rng.choice([code for code in codes if code != person.registrant]))
        return partners
    if rng.random() >= PARTNER_STA_SHARE:
        return []
    first = rng.choices(codes, PARTNER_WEIGHTS)[0]
    partners = [first]
    if rng.random() < SECOND_PARTNER_SHARE:
        partners.append(rng.choice([code for code in codes if code != first]))
    return partners


def _partner_entry(rng: random.Random, person: _Person) -> tuple[_Person, dt.date]:
    if person.status == UND:
        return person, person.since
    first = max(person.since, dt.date(2014, 1, 2))
    return person, _day_between(rng, first, AS_OF - dt.timedelta(days=1))


def _partner(rng: random.Random, code: str, entries: list[tuple[_Person, dt.date]]) -> list[_Row]:
    """One NGO's list: its staff's transliteration habit, and the noise of hand-typed rows."""
    house = _HOUSE_HABITS[int(rng.random() * len(_HOUSE_HABITS))]
    capitals = rng.random() < CAPITALS_LIST_SHARE
    rows = []
    for person, on in entries:
        rows.append(_partner_row(rng, person, on, house, capitals))
        if rng.random() < PARTNER_DUPLICATE_SHARE:
            again = _day_between(rng, on + dt.timedelta(days=30), AS_OF - dt.timedelta(days=1))
            rows.append(_partner_row(rng, person, again, house, capitals))
    return _numbered(rows, f"{PARTNERS[code]}-", 6)


def _latin(rng: random.Random, person: _Person, house: naming.LatinHabit) -> tuple[str, ...]:
    """The three name parts in Latin letters, all in one habit: the list's own, or one drawn
    for the row. Each part is spelled with a copy of one row generator, so that
    :func:`naming.latin_spelling` draws the same habit (and regional scheme) for every part."""
    row_seed = rng.getrandbits(64)
    names = (person.family_name, person.given_name, person.patronymic)
    if rng.random() < HOUSE_HABIT_SHARE:
        return tuple(naming.spell_latin(random.Random(row_seed), name, house) for name in names)  # noqa: S311
    return tuple(
        naming.latin_spelling(random.Random(row_seed), name, background=person.background)  # noqa: S311
        for name in names
    )


def _partner_row(
    rng: random.Random, person: _Person, on: dt.date, house: naming.LatinHabit, capitals: bool
) -> _Row:
    family, given, patronymic = _latin(rng, person, house)
    if rng.random() < NO_PATRONYMIC_SHARE:
        patronymic = ""
    born = _exact_day(person.birth)
    if born is not None and rng.random() < WRONG_DATE_SHARE:
        date = _wrong_date(rng, born)
    else:
        date = _date_text(person.birth, year_only=rng.random() < YEAR_ONLY_SHARE)
    document = person.document
    if rng.random() < NO_DOCUMENT_SHARE:
        document = ""
    elif document and rng.random() < SPACED_DOCUMENT_SHARE:
        document = f"{document[0]} {document[1:].lstrip('-')}"
    country = person.birth_country
    place = country.name_en if country and rng.random() >= NO_PLACE_SHARE else ""
    row = _Row(
        person=person,
        on=on,
        family_name=family.upper() if capitals else family,
        given_name=given,
        patronymic=patronymic,
        sex=_SEX.get(person.sex, ""),
        date_of_birth=date,
        place_of_birth=place,
        document_number=document,
    )
    if rng.random() < TYPO_SHARE:
        _typo(rng, row)
    if rng.random() < SWAPPED_NAMES_SHARE:
        row.family_name, row.given_name = row.given_name, row.family_name
    return row


# --- writing ---------------------------------------------------------------------------------


def _numbered(rows: list[_Row], prefix: str, digits: int) -> list[_Row]:
    """Rows in the order they were entered, numbered from 1 (ties keep their drawing order)."""
    ordered = [row for _, row in sorted(enumerate(rows), key=lambda item: (item[1].on, item[0]))]
    for number, row in enumerate(ordered, start=1):
        row.id = f"{prefix}{number:0{digits}d}"
    return ordered


def _write_csv(path: Path, header: tuple[str, ...], rows: Iterable[tuple[str, ...]]) -> Path:
    """UTF-8 with a byte-order mark, so that Excel opens Cyrillic text correctly."""
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _write_xlsx(
    path: Path, title: str, header: tuple[str, ...], rows: list[tuple[str, ...]]
) -> Path:
    """The same table as the CSV, every cell text (ids and dates stay as written)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def _pairs(truth: list[tuple[str, str, str]]) -> tuple[int, int]:
    """Pairs of rows that are the same person: (within one list, across two lists)."""
    by_person: dict[str, list[str]] = {}
    for name, _, key in truth:
        by_person.setdefault(key, []).append(name)
    within = across = 0
    for names in by_person.values():
        if len(names) < 2:
            continue
        for first, second in combinations(names, 2):
            if first == second:
                within += 1
            else:
                across += 1
    return within, across


def _readme(seed: int, summary: ListsSummary) -> str:
    counts = "\n".join(f"  {name}: {count:,} rows" for name, count in summary.rows.items())
    shares = {
        "und": GOVERNMENT_UND_SHARE,
        "rus": GOVERNMENT_RUSSIFIED_SHARE,
        "twice": GOVERNMENT_DUPLICATE_SHARE,
        "other": UND_OTHER_PARTNER_SHARE,
        "sta": PARTNER_STA_SHARE,
        "second": SECOND_PARTNER_SHARE,
        "house": HOUSE_HABIT_SHARE,
        "typo": TYPO_SHARE,
        "pat": NO_PATRONYMIC_SHARE,
        "year": YEAR_ONLY_SHARE,
        "swap": SWAPPED_NAMES_SHARE,
        "date": WRONG_DATE_SHARE,
        "doc": NO_DOCUMENT_SHARE,
        "place": NO_PLACE_SHARE,
        "dup": PARTNER_DUPLICATE_SHARE,
    }
    return _README.format(
        seed=seed,
        as_of=f"{AS_OF:%d.%m.%Y}",
        counts=counts,
        people=f"{summary.people:,}",
        pairs=f"{summary.pairs:,}",
        within=f"{summary.pairs_within:,}",
        across=f"{summary.pairs_across:,}",
        **{name: f"{share:.0%}" for name, share in shares.items()},
    )


_README = """\
Qorgau: source lists before identity resolution (seed {seed})
ALL DATA IS SYNTHETIC: the people, names, dates and numbers are generated.

What the operation in Kazakhstan receives before anyone matches records: the list of the
Migration Service and the lists of the partner NGOs, describing the people who on {as_of}
are stateless (STA) or of undetermined nationality (UND). The same person may be on several
lists, and sometimes twice on one, written differently.

Files (each list as CSV, UTF-8 with a byte-order mark, and as XLSX with the same rows):
{counts}
  ground_truth.csv: list, row_id, person_key for every row of every list.

Columns of the lists (the layout `qorgau match` reads):
  id               the row id of the list's owner (MIA-0000001, KIBHR-000001...), not the
                   registry's
  family_name, given_name, patronymic
  sex              M or F
  date_of_birth    dd.mm.yyyy, or yyyy when only the year is known (or written)
  place_of_birth   country of birth (Russian in the government list, English in partner lists)
  nationality      ISO 3166-1 alpha-3; empty for stateless people and undetermined nationality
  document_number  stateless person certificate (children: birth certificate), if known

government.csv (the Migration Service):
  - every STA person, and {und} of the UND people;
  - in Cyrillic as on documents; {rus} of rows russified (Kazakh letters as Russian
    look-alikes, as on older documents);
  - {twice} of the people registered twice, the second row with one or two differences
    (typo, no patronymic, year-only or wrong date, russified, no document number).
partner_<ngo>.csv (KIBHR, Sana Sezim, KRCS):
  - every UND person the NGO registered ({other} of them also on another NGO's list);
  - the STA people the NGOs assisted: {sta} of them, shared 5:3:2 between the NGOs,
    {second} of these assisted by two;
  - in Latin letters: {house} of rows in the list's own transliteration habit, the others in
    one drawn for the row;
  - per row: typo {typo}, no patronymic {pat}, year-only date {year}, family and given names
    swapped {swap}, day off by one or day and month swapped {date}, no document number {doc},
    no place of birth {place};
  - {dup} of rows entered twice (each with its own noise).

Ground truth: two rows are the same person exactly when their person_key is equal. The key is
the source_id the registry holds for the person after `qorgau generate --seed {seed}`.
{people} people; {pairs} pairs of rows are the same person ({within} within one list,
{across} across two lists).
"""
