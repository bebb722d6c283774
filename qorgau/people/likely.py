"""Likely existing records of someone about to be registered, shown before saving.

Blocking uses the folded name keys the registry already keeps for search (``PersonNameKey``,
indexed): a candidate shares the folded key of the family name and of the given name (in any
order and script, so "Сейтқазиев Ерлан" finds "Erlan Seitkaziev"), and a year of birth within
one year when both are known. Candidates are then ranked by the evidence each field gives.

The engine's date levels (ADR 0040) apply here too, each ranking a candidate last with a
translated warning of what disagrees:

* two full dates of birth more than a year apart (:func:`qorgau.names.dates.years_apart`):
  "dates of birth differ by 19 years";
* a year only, a 1 January or an estimate on one side, and years of birth more than five apart
  (:func:`qorgau.names.dates.years_apart_estimated`): "years of birth differ by 8 years";
* twins and siblings: the same family name and year of birth, given names not alike (the
  engine's level "different given names, same family name and year of birth").

When either date is not a full one, the year window of the blocking is
``BLOCK_YEARS_ESTIMATE`` instead of one year: an estimated age can be some years off (the
engine does not count up to five years against such a pair), and a namesake beyond that is
shown with the warning rather than not at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from rapidfuzz.distance import JaroWinkler

from qorgau.names import fold_tokens
from qorgau.names.dates import (
    YEARS_APART_ESTIMATE,
    PartialDate,
    is_full_date,
    years_apart,
    years_apart_estimated,
)
from qorgau.organisations.models import User
from qorgau.organisations.permissions import Perm
from qorgau.people.access import visible_persons
from qorgau.people.fields import FieldGroup, field_policies
from qorgau.people.models import Person, PersonNameKey
from qorgau.people.services.persons import PersonInput

#: How many candidates a check looks at, at most, and how many it shows.
BLOCK_LIMIT = 200
SHOWN = 5
#: The year window of the blocking when either date of birth is not a full date: twice the
#: years an estimate may be off, so a namesake a few years beyond is shown with its warning.
BLOCK_YEARS_ESTIMATE = 2 * YEARS_APART_ESTIMATE
#: Given names at least this alike (Jaro–Winkler of their folded keys, the engine's "similar
#: spelling") are not "different given names" for the twins and siblings level.
GIVEN_ALIKE = 0.80


NAMES = _("family and given name")
PATRONYMIC = _("patronymic")
DATE_OF_BIRTH = _("date of birth")
YEAR_OF_BIRTH = _("year of birth")
SEX = _("sex")


@dataclass(frozen=True)
class Likely:
    person: Person
    agreeing: list[Promise]  # what agrees, for the clerk to read
    score: int
    disagreeing: list[str] = field(default_factory=list)  # what speaks against, translated


def _keys(text: str) -> list[str]:
    return fold_tokens(text) if text.strip() else []


def likely_matches(
    user: User | AnonymousUser, data: PersonInput, perm: Perm = Perm.PERSON_VIEW
) -> list[Likely]:
    """Up to ``SHOWN`` records the user may see (with ``perm``) that could be this person,
    best first; only those whose identity the user's role reads (the panel shows the name and
    date of birth, and that the names agree tells them: need-to-know, ``people/fields.py``)."""
    rows = candidates(user, data, perm).select_related("registered_by").order_by("pk")
    blocked = list(rows[:BLOCK_LIMIT])
    policies = field_policies(user, blocked)
    found = [likely_evidence(p, data) for p in blocked if policies[p.pk].shows(FieldGroup.IDENTITY)]
    return sorted(found, key=lambda likely: (-likely.score, likely.person.pk))[:SHOWN]


def candidates(
    user: User | AnonymousUser, data: PersonInput, perm: Perm = Perm.PERSON_VIEW
) -> QuerySet[Person]:
    """The records the user may see (with ``perm``) that share the names' keys and (about)
    the year of birth: those :func:`likely_matches` ranks (the first ``BLOCK_LIMIT`` by
    ``pk``). Only :attr:`Perm.PERSON_VIEW` reaches records shared with the user."""
    family, given = _keys(data.family_name), _keys(data.given_name)
    if not family or not given:
        return Person.objects.none()
    blocked = visible_persons(user, perm).filter(merged_into__isnull=True)
    blocked = blocked.filter(
        pk__in=PersonNameKey.objects.filter(key=family[0]).values("person_id")
    ).filter(pk__in=PersonNameKey.objects.filter(key=given[0]).values("person_id"))
    year = data.birth.year
    if year is not None:
        wide = BLOCK_YEARS_ESTIMATE
        near = Q(birth_year__gte=year - 1, birth_year__lte=year + 1)
        if not is_full_date(data.birth):
            near = Q(birth_year__gte=year - wide, birth_year__lte=year + wide)
        else:
            # A stored year only, 1 January or estimate: the stored year may be some years off.
            estimated = (
                ~Q(birth_precision="exact")
                | Q(birth_day__isnull=True)
                | Q(birth_month=1, birth_day=1)
            )
            near |= estimated & Q(birth_year__gte=year - wide, birth_year__lte=year + wide)
        blocked = blocked.filter(Q(birth_year__isnull=True) | near)
    return blocked


def likely_evidence(person: Person, data: PersonInput) -> Likely:
    """What agrees between a record (blocked on the names' keys) and someone about to be
    registered, and the score it adds up to; imports rank their batches' candidates with it."""
    agreeing: list[Promise] = [NAMES]
    score = 2
    patronymic = _keys(data.patronymic)
    if patronymic and patronymic[0] in _keys(person.patronymic):
        agreeing.append(PATRONYMIC)
        score += 1
    birth = data.birth
    if birth.year is not None and birth.year == person.birth_year:
        exact = birth.month == person.birth_month and birth.day == person.birth_day
        agreeing.append(DATE_OF_BIRTH if exact and birth.day else YEAR_OF_BIRTH)
        score += 2 if exact and birth.day else 1
    if data.sex == person.sex:
        agreeing.append(SEX)
        score += 1
    disagreeing = _disagreeing(person, data)
    if disagreeing:
        score = 0  # the date levels: below every candidate on which nothing disagrees
    return Likely(person=person, agreeing=agreeing, score=score, disagreeing=disagreeing)


def _disagreeing(person: Person, data: PersonInput) -> list[str]:
    """What the engine's date levels (ADR 0040) say against the candidate, translated."""
    born = PartialDate(
        person.birth_year, person.birth_month, person.birth_day, person.birth_precision
    )
    years = years_apart(data.birth, born)
    if years is not None:
        return [
            ngettext(
                "dates of birth differ by %(years)d year",
                "dates of birth differ by %(years)d years",
                years,
            )
            % {"years": years}
        ]
    years = years_apart_estimated(data.birth, born)
    if years is not None:
        return [
            ngettext(
                "years of birth differ by %(years)d year",
                "years of birth differ by %(years)d years",
                years,
            )
            % {"years": years}
        ]
    if _siblings(person, data):
        return [str(SIBLINGS)]
    return []


SIBLINGS = _("different given names, same family name and year of birth")


def _siblings(person: Person, data: PersonInput) -> bool:
    """The engine's twins and siblings level: the same family name (folded) and year of
    birth, and given names not alike: neither one's words among the other's (a second given
    name left out) nor :data:`GIVEN_ALIKE` similar."""
    if data.birth.year is None or data.birth.year != person.birth_year:
        return False
    family = _keys(data.family_name)
    if not family or family != _keys(person.family_name):
        return False
    given, other = _keys(data.given_name), _keys(person.given_name)
    if not given or not other or set(given) <= set(other) or set(other) <= set(given):
        return False
    return JaroWinkler.similarity("".join(given), "".join(other)) < GIVEN_ALIKE
