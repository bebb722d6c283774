"""From a plan to people: households, names, dates, documents, needs and regions.

Everything is drawn from one ``random.Random`` per country seeded with ``--seed``, in a fixed
order, so a seed always gives the same people. Records are streamed in batches through the
registry's bulk service (``people.services.bulk``), which checks them exactly as a single
registration is checked; memory stays flat whatever the number of people.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from qorgau.organisations.models import Organisation
from qorgau.people.dates import PartialDate
from qorgau.people.models import CitizenshipStatus, DocumentType, Person, Relationship, Sex
from qorgau.people.services.bulk import (
    BulkDocument,
    BulkHousehold,
    BulkPerson,
    BulkResult,
    BulkStatus,
    references_trusted,
    registry_analyze,
    registry_bulk_insert,
)
from qorgau.people.services.persons import PersonInput
from qorgau.population import naming
from qorgau.population.plan import ASY, DEC, DEP, HORIZON, NAT, NCF, REF, STA, UND, Track
from qorgau.reference.models import Country, Region, SpecificNeed

SOURCE_PREFIX = "GEN"
BATCH = 5_000
ALMATY = ZoneInfo("Asia/Almaty")

LANGUAGES = {
    naming.Background.KAZAKH: ["kaz", "rus"],
    naming.Background.RUSSIAN: ["rus"],
    naming.Background.UZBEK: ["uzb", "rus"],
    naming.Background.KYRGYZ: ["kir", "rus"],
    naming.Background.TAJIK: ["tgk", "rus"],
    naming.Background.AFGHAN_DARI: ["prs"],
    naming.Background.AFGHAN_PASHTO: ["pus", "prs"],
    naming.Background.UKRAINIAN: ["ukr", "rus"],
}
# Household sizes (people) and their weights, for refugees and for stateless people.
REFUGEE_SIZES = ((1, 2, 3, 4, 5, 6, 7), (25, 15, 15, 15, 15, 10, 5))
STATELESS_SIZES = ((1, 2, 3, 4, 5, 6), (40, 20, 15, 12, 8, 5))
# Specific needs: the share of people with one, and the codes drawn (weighted).
NEEDS = (
    ("SM-CI", 20), ("SM-OT", 8), ("DS-PM", 6), ("DS-BD", 3), ("ER-NF", 5), ("WR-WR", 6),
    ("SP-PT", 8), ("CR-NE", 5), ("LP-ND", 10), ("SV-VF", 2), ("TR-PI", 1), ("FU-TR", 3),
)  # fmt: skip
NEED_SHARE = 0.12
#: Statuses decided by an authority (the others are recorded on application or departure).
DECIDED = (REF, STA, NAT, NCF)
#: Countries of birth drawn for people without a country of origin (weighted by repetition).
BIRTH_COUNTRIES = ("KAZ", "KAZ", "UZB", "KGZ", "RUS")
#: The certificate of a status and its validity in days, renewed while the status lasts (the
#: asylum-seeker's from 18 years of age).
CERTIFICATES: dict[str, tuple[str, int]] = {
    ASY: (DocumentType.ASYLUM_SEEKER_CERTIFICATE, 90),
    REF: (DocumentType.REFUGEE_CERTIFICATE, 365),
    STA: (DocumentType.STATELESS_CERTIFICATE, 1826),
}
#: Mobile operator prefixes of the principal applicants' phone numbers (+7 70X …).
PHONE_PREFIXES = "0157"
#: Validity of the national identity card of people who acquired citizenship.
NATIONAL_ID_DAYS = 3652
CAPITAL_REGIONS = {"KAZ": {"KZ-75": 25, "KZ-19": 12, "KZ-61": 12, "KZ-79": 10, "KZ-71": 8}}


@dataclass(frozen=True)
class Context:
    """What the generator needs from the database, read once."""

    countries: dict[str, Country]
    regions: dict[str, tuple[list[Region], list[int]]]
    organisations: dict[str, Organisation]
    needs: dict[str, int]

    @classmethod
    def load(cls) -> Context:
        countries = {c.iso3: c for c in Country.objects.all()}
        regions: dict[str, tuple[list[Region], list[int]]] = {}
        for region in Region.objects.select_related("country").order_by("code"):
            iso3 = region.country.iso3
            weight = CAPITAL_REGIONS.get(iso3, {}).get(region.code, 2)
            regions.setdefault(iso3, ([], []))
            regions[iso3][0].append(region)
            regions[iso3][1].append(weight)
        organisations = {o.code: o for o in Organisation.objects.all()}
        needs = {n.code: n.pk for n in SpecificNeed.objects.all()}
        return cls(countries, regions, organisations, needs)


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _day_in(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    if last <= first:
        return first
    return first + dt.timedelta(days=rng.randint(0, (last - first).days))


def _step_dates(rng: random.Random, track: Track) -> list[dt.date]:
    dates: list[dt.date] = []
    for step in track.steps:
        first = step.first if not dates else max(step.first, dates[-1] + dt.timedelta(days=1))
        dates.append(_day_in(rng, first, max(first, step.last)))
    return dates


def _birth(rng: random.Random, registered: dt.date, age: int) -> PartialDate:
    born = registered - dt.timedelta(days=age * 365 + rng.randint(0, 364))
    roll = rng.random()
    if roll < 0.86:
        return PartialDate(born.year, born.month, born.day, "exact")
    if roll < 0.91:
        return PartialDate(born.year, born.month, None, "month")
    if roll < 0.97:
        return PartialDate(born.year, None, None, "year")
    return PartialDate(born.year, None, None, "estimated")


def _ages(rng: random.Random, size: int, refugee: bool) -> list[tuple[int, str, str]]:
    """(age at registration, sex, relationship) of each member, principal first."""
    head_age = rng.randint(20, 62) if refugee else rng.randint(18, 70)
    head_sex = Sex.MALE if rng.random() < (0.72 if refugee else 0.55) else Sex.FEMALE
    members: list[tuple[int, str, str]] = [(head_age, head_sex, Relationship.PRINCIPAL)]
    if size >= 2 and head_age >= 20:
        spouse_sex = Sex.FEMALE if head_sex == Sex.MALE else Sex.MALE
        spouse_age = max(18, head_age + rng.randint(-8, 4))
        spouse = Relationship.WIFE if spouse_sex == Sex.FEMALE else Relationship.HUSBAND
        members.append((spouse_age, spouse_sex, spouse))
    youngest_parent = min(age for age, _, _ in members)
    while len(members) < size:
        sex = rng.choice((Sex.FEMALE, Sex.MALE))
        if youngest_parent >= 19:
            age = rng.randint(0, min(17, youngest_parent - 18))
            relationship = Relationship.DAUGHTER if sex == Sex.FEMALE else Relationship.SON
        else:
            age = rng.randint(15, 40)
            relationship = Relationship.SISTER if sex == Sex.FEMALE else Relationship.BROTHER
        members.append((age, sex, relationship))
    return members


def citizenship_for(
    track: Track, country: Country, origin: Country | None
) -> tuple[str, Country | None]:
    """The citizenship a person of ``track`` has on the registry: the country's after
    naturalisation or confirmation; stateless or undetermined as the track says; else the
    country of origin's, undetermined when there is none."""
    final = track.steps[-1].status
    if final in (NAT, NCF):
        return CitizenshipStatus.CITIZEN, country
    if final == STA or (final in (DEC, DEP) and track.steps[0].status == STA):
        return CitizenshipStatus.STATELESS, None
    if final == UND or origin is None:
        return CitizenshipStatus.UNDETERMINED, None
    return CitizenshipStatus.CITIZEN, origin


def _number(rng: random.Random, prefix: str, digits: int = 7) -> str:
    return f"{prefix}{rng.randrange(10 ** (digits - 1), 10**digits)}"


class CountryGenerator:
    """Turns one country's tracks into batches of households and people."""

    def __init__(
        self, context: Context, country: str, seed: int, *, source_ids: bool = True
    ) -> None:
        self.context = context
        self.country = context.countries[country]
        self.rng = random.Random(f"{seed}:{country}")  # noqa: S311 (synthetic data)
        self.sequence = 0
        # The calibrated population carries the registrants' own ids (so it is loaded once);
        # benchmark runs carry none, so they can be repeated into one database.
        self.source_ids = source_ids

    def uuid(self) -> uuid.UUID | None:
        """Public ids from the seed for the calibrated population (same seed, same ids); for
        benchmark runs (which may be repeated into one database) none, so the bulk service
        draws random ones."""
        if self.source_ids:
            return _uuid(self.rng)
        return None

    def households(self, tracks: list[Track]) -> Iterator[tuple[BulkHousehold, list[BulkPerson]]]:
        for track in tracks:
            refugee = track.steps[0].status in (ASY, REF)
            sizes, weights = REFUGEE_SIZES if refugee else STATELESS_SIZES
            left = track.count
            while left:
                size = min(left, self.rng.choices(sizes, weights)[0])
                left -= size
                yield self._household(track, size, refugee)

    def _household(
        self, track: Track, size: int, refugee: bool
    ) -> tuple[BulkHousehold, list[BulkPerson]]:
        rng = self.rng
        dates = _step_dates(rng, track)
        registered = dt.datetime.combine(dates[0], dt.time(10, rng.randint(0, 59)), ALMATY)
        registrant = self.context.organisations[track.registrant]
        authority = self.context.organisations[track.authority]
        origin = self.context.countries.get(track.origin) if track.origin else None
        background = naming.background_for_origin(rng, track.origin or "KAZ")
        self.sequence += 1
        household = BulkHousehold(
            registered_by_id=registrant.pk,
            country_office_id=self.country.pk,
            country_iso3=self.country.iso3,
            registered_at=registered,
            source_id=f"{SOURCE_PREFIX}-{self.country.iso3}-H{self.sequence:07d}"
            if self.source_ids
            else "",
            public_id=self.uuid(),
        )
        regions, weights = self.context.regions[self.country.iso3]
        region = rng.choices(regions, weights)[0]
        address = f"{region.name_ru}, ул. {rng.choice(STREETS)}, {rng.randint(1, 180)}"
        family_root = naming.draw_family_root(rng, background)
        father_of_head = naming.draw_given_name(rng, background, Sex.MALE)
        people: list[BulkPerson] = []
        head_given = ""
        for index, (age, sex, relationship) in enumerate(_ages(rng, size, refugee)):
            if index == 0:
                name = naming.draw_name(
                    rng, background, sex, father_given=father_of_head, family_root=family_root
                )
                head_given = name.given_name
            elif relationship in (Relationship.SON, Relationship.DAUGHTER):
                father = head_given if people[0].data.sex == Sex.MALE else father_of_head
                name = naming.draw_name(
                    rng, background, sex, father_given=father, family_root=family_root
                )
            else:
                name = naming.draw_name(rng, background, sex, family_root=family_root)
            birth = _birth(rng, dates[0], age)
            data = self._person_input(track, name, sex, birth, background, origin, region, address)
            if index == 0 and self.country.iso3 == "KAZ" and rng.random() < 0.6:
                data.phones = [
                    f"+7 70{rng.choice(PHONE_PREFIXES)} {rng.randint(1_000_000, 9_999_999)}"
                ]
            person = BulkPerson(
                data=data,
                registered_by_id=registrant.pk,
                country_office_id=self.country.pk,
                country_iso3=self.country.iso3,
                registered_at=registered,
                household=household,
                relationship=relationship,
                statuses=self._statuses(track, dates, registrant, authority),
                documents=self._documents(track, dates, birth, origin),
                source_id=f"{SOURCE_PREFIX}-{self.country.iso3}-{self.sequence:07d}-{index + 1}"
                if self.source_ids
                else "",
                public_id=self.uuid(),
            )
            people.append(person)
        return household, people

    def _person_input(
        self,
        track: Track,
        name: naming.PersonName,
        sex: str,
        birth: PartialDate,
        background: naming.Background,
        origin: Country | None,
        region: Region,
        address: str,
    ) -> PersonInput:
        rng = self.rng
        final = track.steps[-1].status
        countries = self.context.countries
        citizenship, citizenship_country = citizenship_for(track, self.country, origin)
        birth_country = origin or countries.get(rng.choice(BIRTH_COUNTRIES))
        needs = []
        if rng.random() < NEED_SHARE:
            codes, weights = zip(*NEEDS, strict=True)
            needs.append(rng.choices(codes, weights)[0])
        if final == UND and rng.random() < 0.6 and "LP-ND" not in needs:
            needs.append("LP-ND")
        return PersonInput(
            family_name=name.family_name,
            given_name=name.given_name,
            patronymic=name.patronymic,
            sex=sex,
            citizenship_status=citizenship,
            citizenship_country=citizenship_country,
            birth=birth,
            birth_country=birth_country,
            origin_country=origin,
            languages=list(LANGUAGES[background]),
            address=address,
            region=region,
            needs=needs,
        )

    def _statuses(
        self, track: Track, dates: list[dt.date], registrant: Organisation, authority: Organisation
    ) -> list[BulkStatus]:
        periods = []
        for position, step in enumerate(track.steps):
            end = dates[position + 1] if position + 1 < len(dates) else None
            decided = step.status in DECIDED
            periods.append(
                BulkStatus(
                    status=step.status,
                    effective_from=dates[position],
                    effective_to=end,
                    recorded_by_id=registrant.pk,
                    deciding_authority_id=authority.pk if decided else None,
                    public_id=self.uuid(),
                )
            )
        return periods

    def _documents(
        self, track: Track, dates: list[dt.date], birth: PartialDate, origin: Country | None
    ) -> list[BulkDocument]:
        """The documents a person holds at the horizon, consistent with the last status."""
        rng = self.rng
        birth_year = birth.year or HORIZON.year
        age = HORIZON.year - birth_year
        final, since = track.steps[-1].status, dates[-1]
        documents = []
        country_id = self.country.pk
        if age < 16:
            born = dt.date(birth_year, birth.month or 1, birth.day or 1)
            issuer = self.country if rng.random() < 0.5 else (origin or self.country)
            documents.append(
                BulkDocument(
                    type=DocumentType.BIRTH_CERTIFICATE,
                    number=_number(rng, "I-", 9),
                    issuing_country_id=issuer.pk,
                    issued_on=born + dt.timedelta(days=rng.randint(3, 60)),
                    public_id=self.uuid(),
                )
            )
        elif final in CERTIFICATES and (final != ASY or age >= 18):
            # Renewed while the status lasts: the current one.
            kind, days = CERTIFICATES[final]
            cycles = max(0, (HORIZON - since).days // days)
            issued = since + dt.timedelta(days=days * cycles)
            documents.append(self._document(kind, issued, days))
        elif final in (NAT, NCF):
            documents.append(self._document(DocumentType.NATIONAL_ID, since, NATIONAL_ID_DAYS))
        if final in (ASY, REF) and age >= 18 and self.country.iso3 == "KAZ":
            documents.append(
                BulkDocument(
                    type=DocumentType.IIN,
                    number=f"{birth_year % 100:02d}{birth.month or 1:02d}{birth.day or 1:02d}"
                    f"{rng.randint(0, 999_999):06d}",
                    issuing_country_id=country_id,
                    issued_on=dates[0],
                    public_id=self.uuid(),
                )
            )
        return documents

    def _document(self, type_: str, issued: dt.date, days: int) -> BulkDocument:
        return BulkDocument(
            type=type_,
            number=_number(self.rng, "N", 8),
            issuing_country_id=self.country.pk,
            issuer="",
            issued_on=issued,
            expires_on=issued + dt.timedelta(days=days),
            public_id=self.uuid(),
        )


STREETS = (
    "Абая", "Сейфуллина", "Толе би", "Гагарина", "Жибек жолы", "Навои", "Райымбека",
    "Байтурсынова", "Момышулы", "Сатпаева", "Есенова", "Кунаева", "Желтоксан", "Бейбітшілік",
)  # fmt: skip


@dataclass
class Totals:
    households: int = 0
    people: int = 0
    rows: int = 0

    def add(self, result: BulkResult) -> Totals:
        self.households += result.households
        self.people += result.people
        self.rows += result.rows
        return self


def batches(
    generator: CountryGenerator, tracks: list[Track], size: int
) -> Iterator[tuple[list[BulkHousehold], list[BulkPerson]]]:
    """Households and their people in batches of about ``size`` people."""
    households: list[BulkHousehold] = []
    people: list[BulkPerson] = []
    for household, members in generator.households(tracks):
        households.append(household)
        people.extend(members)
        if len(people) >= size:
            yield households, people
            households, people = [], []
    if people:
        yield households, people


def generate_country(
    context: Context,
    country: str,
    tracks: list[Track],
    *,
    seed: int,
    batch: int = BATCH,
    source_ids: bool = True,
) -> Iterator[Totals]:
    """Insert the country's people batch by batch, yielding the running totals.

    The next batch is drawn in a second thread while the database inserts the current one
    (SQLite and psycopg release the interpreter lock while they work); at most two batches
    are in memory at once.
    """
    generator = CountryGenerator(context, country, seed, source_ids=source_ids)
    totals = Totals()
    source = batches(generator, tracks, batch)
    with ThreadPoolExecutor(max_workers=1) as pool, references_trusted():
        pending = pool.submit(next, source, None)
        while (ready := pending.result()) is not None:
            pending = pool.submit(next, source, None)
            households, people = ready
            result = registry_bulk_insert(
                households=households, people=people, actor=None, today=_today()
            )
            yield totals.add(result)
    registry_analyze()


def _today() -> dt.date:
    return max(dt.date.today(), HORIZON)


def country_generated(country: str) -> bool:
    """Whether the database already holds this country's generated population."""
    return Person.objects.filter(
        country_office__iso3=country, source_id__startswith=f"{SOURCE_PREFIX}-{country}-"
    ).exists()
