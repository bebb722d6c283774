"""Names, in the active language, for the codes a page of figures shows (statuses, groups,
sexes, age bands, regions, organisation types, countries of origin): a user reads "Refugee" and
"Almaty", never ``REF`` or ``KZ-75``. The JSON, CSV and XLSX exports keep the codes."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from qorgau.organisations.models import OrganisationType
from qorgau.people.models import LegalStatus
from qorgau.reference.models import Country, Region
from qorgau.statistics.ages import UNKNOWN as UNKNOWN_AGE
from qorgau.statistics.selectors import OTHER_SEX, UNKNOWN
from qorgau.statistics.tables import REFUGEES, STATELESS, TOTAL

Labelled = list[tuple[str, Any]]


def _fixed() -> dict[str, str]:
    return {
        **{str(code): str(label) for code, label in LegalStatus.choices},
        **{str(code): str(label) for code, label in OrganisationType.choices},
        REFUGEES: _("Refugees and asylum-seekers"),
        STATELESS: _("Stateless people"),
        TOTAL: _("Total"),
        "female": _("Female"),
        "male": _("Male"),
        OTHER_SEX: _("Other or not known"),
        UNKNOWN: _("Not known"),
        UNKNOWN_AGE: _("Age not known"),
    }


def code_names(codes: set[str]) -> dict[str, str]:
    """A name for each code; region and country codes are looked up (two queries at most)."""
    names = _fixed()
    wanted = codes - names.keys()
    if regions := {c for c in wanted if "-" in c and not c[0].isdigit()}:
        names |= {r.code: r.name for r in Region.objects.filter(code__in=regions)}
    if countries := {c for c in wanted if len(c) == 3 and c.isalpha()}:
        names |= {c.iso3: c.name for c in Country.objects.filter(iso3__in=countries)}
    return names


def _keys(value: Any, found: set[str]) -> None:
    if isinstance(value, dict):
        for key, inner in value.items():
            found.add(str(key))
            _keys(inner, found)


def labelled(value: Any, names: dict[str, str]) -> Any:
    """The same nesting as ``value`` with every dictionary turned into (name, value) pairs."""
    if isinstance(value, dict):
        return [(names.get(str(k), str(k)), labelled(v, names)) for k, v in value.items()]
    return value


def dashboard_labels(data: dict[str, Any]) -> dict[str, Any]:
    """The document's origins and breakdowns as named pairs, for the page."""
    parts = {
        "by_origin": data["refugees_and_asylum_seekers"]["by_origin"],
        **data.get("breakdowns", {}),
    }
    found: set[str] = set()
    _keys(parts, found)
    names = code_names(found)
    return {key: labelled(value, names) for key, value in parts.items()}
