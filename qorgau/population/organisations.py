"""The organisations of the operation (from the fact sheet) and the demo users of each."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from qorgau.organisations.models import Membership, Organisation, OrganisationType, User
from qorgau.organisations.permissions import Role
from qorgau.reference.models import Country

DEMO_PASSWORD = "steppe-demo-Qorgau-2026"  # noqa: S105 (synthetic demo accounts, printed by `qorgau demo`)


@dataclass(frozen=True)
class OrganisationSeed:
    code: str
    name: str
    type: str
    country: str
    operating_agency: bool = False


UN, GOV, NGO = OrganisationType.UN_AGENCY, OrganisationType.GOVERNMENT, OrganisationType.NGO

ORGANISATIONS = (
    OrganisationSeed("unhcr-kaz", "UNHCR National Office Kazakhstan", UN, "KAZ", True),
    OrganisationSeed("unhcr-kgz", "UNHCR Kyrgyz Republic", UN, "KGZ", True),
    OrganisationSeed("unhcr-tjk", "UNHCR Tajikistan", UN, "TJK", True),
    OrganisationSeed("unhcr-tkm", "UNHCR Turkmenistan", UN, "TKM", True),
    OrganisationSeed("unhcr-uzb", "UNHCR Uzbekistan", UN, "UZB", True),
    OrganisationSeed(
        "kaz-mlsp", "Ministry of Labour and Social Protection of Population", GOV, "KAZ"
    ),
    OrganisationSeed("kaz-mia", "Ministry of Internal Affairs (Migration Service)", GOV, "KAZ"),
    OrganisationSeed("kaz-mfa", "Ministry of Foreign Affairs", GOV, "KAZ"),
    OrganisationSeed("kaz-moj", "Ministry of Justice", GOV, "KAZ"),
    OrganisationSeed("kaz-moh", "Ministry of Healthcare", GOV, "KAZ"),
    OrganisationSeed("kaz-edu", "Ministry of Education and Science", GOV, "KAZ"),
    OrganisationSeed("kaz-border", "Border Guards Service", GOV, "KAZ"),
    OrganisationSeed("kaz-chr", "Commission on Human Rights", GOV, "KAZ"),
    OrganisationSeed("kaz-ombudsman", "Office of the Commissioner on Human Rights", GOV, "KAZ"),
    OrganisationSeed(
        "kibhr",
        "Kazakhstan International Bureau for Human Rights and the Rule of Law",
        NGO,
        "KAZ",
    ),
    OrganisationSeed("krcs", "Kazakhstan Red Crescent Society", NGO, "KAZ"),
    OrganisationSeed("sana-sezim", "Legal Centre for Women's Initiatives “Sana Sezim”", NGO, "KAZ"),
    OrganisationSeed("kgz-mia", "Kyrgyz Republic: migration authority", GOV, "KGZ"),
    OrganisationSeed("tjk-mia", "Tajikistan: Ministry of Internal Affairs", GOV, "TJK"),
    OrganisationSeed("tkm-mia", "Turkmenistan: State Migration Service", GOV, "TKM"),
    OrganisationSeed("uzb-mia", "Uzbekistan: Ministry of Internal Affairs", GOV, "UZB"),
)

# The organisations' names in Kazakh and Russian (kk, ru), shown in those interfaces.
LOCAL_NAMES: dict[str, tuple[str, str]] = {
    "unhcr-kaz": (
        "БҰҰ БЖКБ-ның Қазақстандағы ұлттық кеңсесі",
        "Национальный офис УВКБ ООН в Казахстане",
    ),
    "unhcr-kgz": (
        "БҰҰ БЖКБ Қырғыз Республикасында",
        "УВКБ ООН в Кыргызской Республике",
    ),
    "unhcr-tjk": (
        "БҰҰ БЖКБ Тәжікстанда",
        "УВКБ ООН в Таджикистане",
    ),
    "unhcr-tkm": (
        "БҰҰ БЖКБ Түрікменстанда",
        "УВКБ ООН в Туркменистане",
    ),
    "unhcr-uzb": (
        "БҰҰ БЖКБ Өзбекстанда",
        "УВКБ ООН в Узбекистане",
    ),
    "kaz-mlsp": (
        "Еңбек және халықты әлеуметтік қорғау министрлігі",
        "Министерство труда и социальной защиты населения",
    ),
    "kaz-mia": (
        "Ішкі істер министрлігі (Көші-қон қызметі)",
        "Министерство внутренних дел (Миграционная служба)",
    ),
    "kaz-mfa": (
        "Сыртқы істер министрлігі",
        "Министерство иностранных дел",
    ),
    "kaz-moj": (
        "Әділет министрлігі",
        "Министерство юстиции",
    ),
    "kaz-moh": (
        "Денсаулық сақтау министрлігі",
        "Министерство здравоохранения",
    ),
    "kaz-edu": (
        "Білім және ғылым министрлігі",
        "Министерство образования и науки",
    ),
    "kaz-border": (
        "Шекара қызметі",
        "Пограничная служба",
    ),
    "kaz-chr": (
        "Адам құқықтары жөніндегі комиссия",
        "Комиссия по правам человека",
    ),
    "kaz-ombudsman": (
        "Адам құқықтары жөніндегі уәкілдің аппараты",
        "Аппарат Уполномоченного по правам человека",
    ),
    "kibhr": (
        "Адам құқықтары және заңдылықты сақтау жөніндегі Қазақстан халықаралық бюросы",
        "Казахстанское международное бюро по правам человека и соблюдению законности",
    ),
    "krcs": (
        "Қазақстан Республикасының Қызыл Жарты Ай қоғамы",
        "Общество Красного Полумесяца Республики Казахстан",
    ),
    "sana-sezim": (
        "«Сана Сезім» әйелдер бастамаларының құқықтық орталығы",
        "Правовой центр женских инициатив «Сана Сезим»",
    ),
    "kgz-mia": (
        "Қырғыз Республикасы: көші-қон органы",
        "Кыргызская Республика: миграционный орган",
    ),
    "tjk-mia": (
        "Тәжікстан: Ішкі істер министрлігі",
        "Таджикистан: Министерство внутренних дел",
    ),
    "tkm-mia": (
        "Түрікменстан: Мемлекеттік көші-қон қызметі",
        "Туркменистан: Государственная миграционная служба",
    ),
    "uzb-mia": (
        "Өзбекстан: Ішкі істер министрлігі",
        "Узбекистан: Министерство внутренних дел",
    ),
}

ROLES_BY_TYPE: dict[str, tuple[Role, ...]] = {
    UN: (
        Role.ADMINISTRATOR,
        Role.REGISTRATION_CLERK,
        Role.PROTECTION_OFFICER,
        Role.STATISTICS_VIEWER,
    ),
    GOV: (Role.REGISTRATION_CLERK, Role.GOVERNMENT_LIAISON, Role.STATISTICS_VIEWER),
    NGO: (Role.ADMINISTRATOR, Role.PARTNER_CASEWORKER),
}


@transaction.atomic
def organisations_seed() -> dict[str, Organisation]:
    """Create the organisations (idempotent) and return them by code."""
    countries = {
        c.iso3: c for c in Country.objects.filter(iso3__in={o.country for o in ORGANISATIONS})
    }
    result = {}
    for seed in ORGANISATIONS:
        organisation, _ = Organisation.objects.update_or_create(
            code=seed.code,
            defaults={
                "name": seed.name,
                "name_kk": LOCAL_NAMES.get(seed.code, ("", ""))[0],
                "name_ru": LOCAL_NAMES.get(seed.code, ("", ""))[1],
                "type": seed.type,
                "country": countries[seed.country],
                "is_operating_agency": seed.operating_agency,
            },
        )
        result[seed.code] = organisation
    return result


def demo_username(organisation: Organisation, role: str) -> str:
    return f"{organisation.code}.{role.replace('_', '-')}"


@transaction.atomic
def demo_users_seed(organisations: dict[str, Organisation]) -> list[tuple[str, str, str]]:
    """One user per role and organisation (roles that fit the organisation's type); returns
    (username, role label, organisation name) rows for printing."""
    rows = []
    for organisation in organisations.values():
        for role in ROLES_BY_TYPE.get(organisation.type, ()):
            username = demo_username(organisation, role)
            user, created = User.objects.get_or_create(username=username)
            # A user made earlier without a password (``qorgau generate`` makes the demo
            # protection officer who records the demo funding) gets the demo password too.
            if created or not user.has_usable_password():
                user.set_password(DEMO_PASSWORD)
                user.is_staff = role == Role.ADMINISTRATOR and organisation.code == "unhcr-kaz"
                user.is_superuser = user.is_staff
                user.save()
            Membership.objects.get_or_create(user=user, organisation=organisation, role=role)
            rows.append((username, str(Role(role).label), organisation.name))
    return rows
