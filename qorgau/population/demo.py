"""A few hundred synthetic people for `make demo`, entered through the registry services.

Every name is drawn at random from small pools of common given and family names and combined
at random: no record describes a real person. The set is deterministic for a seed, and loading
it twice adds nothing (households carry a source id that the second run finds).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass, replace

from django.db import transaction

from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Role
from qorgau.people.dates import PartialDate
from qorgau.people.models import (
    CitizenshipStatus,
    DocumentType,
    Household,
    LegalStatus,
    Person,
    Relationship,
    Sex,
)
from qorgau.people.services.documents import document_add
from qorgau.people.services.households import MemberInput, household_register
from qorgau.people.services.persons import PersonInput
from qorgau.people.services.status import status_period_record
from qorgau.population.organisations import demo_username
from qorgau.reference.models import Country, Region

SOURCE_PREFIX = "demo-"


@dataclass(frozen=True)
class Background:
    """How people of one background are named, in the script their documents use."""

    family: tuple[str, ...]
    male: tuple[str, ...]
    female: tuple[str, ...]
    patronymic_male: str  # suffix added to the father's given name; "" for none
    patronymic_female: str
    feminine_family: bool
    languages: tuple[str, ...]


KAZAKH = Background(
    family=("Сейтқазиев", "Жұмабеков", "Нұрланов", "Омаров", "Әбдірахманов", "Төлеуов", "Қасымов"),
    male=("Нұрсұлтан", "Ерлан", "Асқар", "Ғалым", "Бауыржан", "Дәурен", "Серік"),
    female=("Әлия", "Жанар", "Гүлнар", "Айгерім", "Мәдина", "Салтанат", "Динара"),
    patronymic_male="ұлы",
    patronymic_female="қызы",
    feminine_family=True,
    languages=("kaz", "rus"),
)
RUSSIAN = Background(
    family=("Иванов", "Ким", "Цой", "Щербаков", "Хасанов", "Юсупов", "Ахмедов", "Павлов"),
    male=("Дмитрий", "Андрей", "Сергей", "Александр", "Руслан", "Тимур"),
    female=("Наталья", "Елена", "Ольга", "Татьяна", "Юлия", "Алия"),
    patronymic_male="ович",
    patronymic_female="овна",
    feminine_family=True,
    languages=("rus",),
)
UZBEK = Background(
    family=("Рахимов", "Каримов", "Тошматов", "Эргашев", "Усмонов"),
    male=("Шерзод", "Бахтиёр", "Жасур", "Улугбек"),
    female=("Дилноза", "Гулноза", "Нилуфар", "Мохира"),
    patronymic_male=" угли",
    patronymic_female=" кизи",
    feminine_family=True,
    languages=("uzb", "rus"),
)
AFGHAN = Background(
    family=("", "", "Ahmadi", "Rahimi", "Haidari", "Stanikzai", "Noori"),
    male=("Ahmad", "Mohammad", "Abdul Rahim", "Farid", "Jawad", "Habibullah"),
    female=("Zahra", "Fatima", "Mariam", "Nargis", "Shabnam", "Roya"),
    patronymic_male="",
    patronymic_female="",
    feminine_family=False,
    languages=("prs", "pus"),
)
UKRAINIAN = Background(
    family=("Шевченко", "Коваленко", "Бондаренко", "Ткаченко", "Олійник", "Кравчук"),
    male=("Олександр", "Андрій", "Дмитро", "Василь", "Тарас"),
    female=("Олена", "Наталія", "Ірина", "Оксана", "Світлана"),
    patronymic_male="ович",
    patronymic_female="івна",
    feminine_family=False,
    languages=("ukr", "rus"),
)


@dataclass(frozen=True)
class Cohort:
    """A group of households sharing background, registrant and status history."""

    name: str
    households: int
    background: Background
    registrant: str
    origin: str
    citizenship: str
    citizenship_country: str | None
    statuses: tuple[tuple[str, int], ...]  # (status, years ago it started), oldest first
    document: str


COHORTS = (
    Cohort(
        "afg-ref",
        14,
        AFGHAN,
        "kaz-mlsp",
        "AFG",
        CitizenshipStatus.CITIZEN,
        "AFG",
        ((LegalStatus.ASYLUM_SEEKER, 9), (LegalStatus.REFUGEE, 8)),
        DocumentType.REFUGEE_CERTIFICATE,
    ),
    Cohort(
        "afg-asy",
        8,
        AFGHAN,
        "kaz-mlsp",
        "AFG",
        CitizenshipStatus.CITIZEN,
        "AFG",
        ((LegalStatus.ASYLUM_SEEKER, 1),),
        DocumentType.ASYLUM_SEEKER_CERTIFICATE,
    ),
    Cohort(
        "ukr-asy",
        12,
        UKRAINIAN,
        "kaz-mlsp",
        "UKR",
        CitizenshipStatus.CITIZEN,
        "UKR",
        ((LegalStatus.ASYLUM_SEEKER, 2),),
        DocumentType.ASYLUM_SEEKER_CERTIFICATE,
    ),
    Cohort(
        "sta-gov",
        30,
        RUSSIAN,
        "kaz-mia",
        "",
        CitizenshipStatus.STATELESS,
        None,
        ((LegalStatus.STATELESS, 5),),
        DocumentType.STATELESS_CERTIFICATE,
    ),
    Cohort(
        "sta-uzb",
        10,
        UZBEK,
        "kaz-mia",
        "",
        CitizenshipStatus.STATELESS,
        None,
        ((LegalStatus.STATELESS, 4),),
        DocumentType.STATELESS_CERTIFICATE,
    ),
    Cohort(
        "und-kibhr",
        14,
        KAZAKH,
        "kibhr",
        "",
        CitizenshipStatus.UNDETERMINED,
        None,
        ((LegalStatus.UNDETERMINED, 3),),
        DocumentType.BIRTH_CERTIFICATE,
    ),
    Cohort(
        "und-sana",
        10,
        UZBEK,
        "sana-sezim",
        "",
        CitizenshipStatus.UNDETERMINED,
        None,
        ((LegalStatus.UNDETERMINED, 2),),
        DocumentType.BIRTH_CERTIFICATE,
    ),
    Cohort(
        "nat",
        16,
        KAZAKH,
        "kaz-mia",
        "",
        CitizenshipStatus.CITIZEN,
        "KAZ",
        ((LegalStatus.STATELESS, 8), (LegalStatus.NATURALISED, 3)),
        DocumentType.NATIONAL_ID,
    ),
)


def _family_name(background: Background, base: str, sex: str) -> str:
    if not background.feminine_family or sex != Sex.FEMALE or not base:
        return base
    for ending in ("ов", "ев", "ин", "ёв"):
        if base.endswith(ending):
            return base + "а"
    return base


def _patronymic(background: Background, father: str, sex: str) -> str:
    suffix = background.patronymic_female if sex == Sex.FEMALE else background.patronymic_male
    if not suffix:
        return father if background is AFGHAN else ""
    if suffix in ("ович", "овна") and father[-1] in "йь":
        suffix = "евич" if sex == Sex.MALE else "евна"
        return father[:-1] + suffix
    if suffix.startswith(("ұ", "қ")):
        return f"{father} {suffix}"
    return father + suffix


def _birth(rng: random.Random, age: int, today: dt.date) -> PartialDate:
    year = today.year - age
    roll = rng.random()
    if roll < 0.8:
        month = rng.randint(1, 12)
        day = rng.randint(1, 28)
        if dt.date(year, month, day) > today:
            year -= 1
        return PartialDate(year, month, day, "exact")
    if roll < 0.9:
        return PartialDate(year - 1, None, None, "year")
    return PartialDate(year - 1, None, None, "estimated")


def _households(rng: random.Random, cohort: Cohort, today: dt.date) -> Iterator[list[MemberInput]]:
    background = cohort.background
    countries = {c.iso3: c for c in Country.objects.filter(iso3__in=["KAZ", "AFG", "UKR", "UZB"])}
    regions = list(Region.objects.filter(country__iso3="KAZ"))
    for _ in range(cohort.households):
        family = rng.choice(background.family)
        grandfather = rng.choice(background.male)
        father = rng.choice(background.male)
        size = rng.choice((1, 1, 2, 3, 3, 4, 4, 5, 6))
        region = rng.choice(regions)
        citizenship_country = (
            countries.get(cohort.citizenship_country) if cohort.citizenship_country else None
        )
        common = PersonInput(
            given_name="",
            sex=Sex.UNKNOWN,
            citizenship_status=cohort.citizenship,
            citizenship_country=citizenship_country,
            origin_country=countries.get(cohort.origin) if cohort.origin else None,
            languages=list(background.languages),
            region=region,
            address=f"{region.name_ru}, ул. Примерная, {rng.randint(1, 120)}",
        )
        members = []
        head_sex = Sex.MALE if rng.random() < 0.7 else Sex.FEMALE
        head_given = father if head_sex == Sex.MALE else rng.choice(background.female)
        members.append(
            MemberInput(
                replace(
                    common,
                    family_name=_family_name(background, family, head_sex),
                    given_name=head_given,
                    patronymic=_patronymic(background, grandfather, head_sex),
                    sex=head_sex,
                    birth=_birth(rng, rng.randint(25, 62), today),
                    phones=[f"+7701{rng.randint(1000000, 9999999)}"],
                ),
                Relationship.PRINCIPAL,
            )
        )
        if size >= 2:
            spouse_sex = Sex.FEMALE if head_sex == Sex.MALE else Sex.MALE
            members.append(
                MemberInput(
                    replace(
                        common,
                        family_name=_family_name(background, family, spouse_sex),
                        given_name=rng.choice(
                            background.female if spouse_sex == Sex.FEMALE else background.male
                        ),
                        patronymic=_patronymic(background, rng.choice(background.male), spouse_sex),
                        sex=spouse_sex,
                        birth=_birth(rng, rng.randint(22, 58), today),
                    ),
                    Relationship.WIFE if spouse_sex == Sex.FEMALE else Relationship.HUSBAND,
                )
            )
        for _child in range(size - 2):
            sex = rng.choice((Sex.FEMALE, Sex.MALE))
            members.append(
                MemberInput(
                    replace(
                        common,
                        family_name=_family_name(background, family, sex),
                        given_name=rng.choice(
                            background.female if sex == Sex.FEMALE else background.male
                        ),
                        patronymic=_patronymic(
                            background, head_given if head_sex == Sex.MALE else father, sex
                        ),
                        sex=sex,
                        birth=_birth(rng, rng.randint(0, 17), today),
                    ),
                    Relationship.DAUGHTER if sex == Sex.FEMALE else Relationship.SON,
                )
            )
        yield members


def demo_population_load(
    organisations: dict[str, Organisation], *, seed: int = 2024
) -> tuple[int, int]:
    """Load the demo households; returns (households added, people added)."""
    rng = random.Random(seed)  # noqa: S311 (synthetic data, not security)
    today = dt.date.today()
    added_households = added_people = 0
    for cohort in COHORTS:
        organisation = organisations[cohort.registrant]
        actor = _registrar(organisation)
        for index, members in enumerate(_households(rng, cohort, today)):
            source_id = f"{SOURCE_PREFIX}{cohort.name}-{index:03d}"
            if Household.objects.filter(registered_by=organisation, source_id=source_id).exists():
                continue
            with transaction.atomic():
                household = household_register(
                    actor=actor, organisation=organisation, members=members, source_id=source_id
                )
                for person in household.members.all():
                    _history(rng, cohort, person, actor, organisation, today)
            added_households += 1
            added_people += len(members)
    return added_households, added_people


def _registrar(organisation: Organisation) -> User:
    for role in (Role.REGISTRATION_CLERK, Role.PARTNER_CASEWORKER, Role.ADMINISTRATOR):
        user = User.objects.filter(username=demo_username(organisation, role)).first()
        if user is not None:
            return user
    raise LookupError(f"no demo user registers for {organisation.code}")


def _history(
    rng: random.Random,
    cohort: Cohort,
    person: Person,
    actor: User,
    organisation: Organisation,
    today: dt.date,
) -> None:
    born = dt.date(person.birth_year or today.year, person.birth_month or 1, person.birth_day or 1)
    start = born
    for status, years_ago in cohort.statuses:
        drawn = today - dt.timedelta(days=365 * years_ago + rng.randint(0, 300))
        start = min(max(drawn, start + dt.timedelta(days=1)), today)
        status_period_record(
            actor=actor,
            organisation=organisation,
            person=person,
            status=status,
            effective_from=start,
            deciding_authority=organisation,
        )
    document = cohort.document
    if today.year - born.year < 16:
        document = DocumentType.BIRTH_CERTIFICATE
    validity = 90 if document == DocumentType.ASYLUM_SEEKER_CERTIFICATE else 365 * 5
    issued = max(start, today - dt.timedelta(days=rng.randint(1, validity - 1)))
    document_add(
        actor=actor,
        person=person,
        type=document,
        number=f"{rng.randint(10, 99)}{rng.randint(1000000, 9999999)}",
        issuer=organisation.name,
        issued_on=issued,
        expires_on=None
        if document == DocumentType.BIRTH_CERTIFICATE
        else issued + dt.timedelta(days=validity),
    )
