"""Likely existing records of someone about to be registered, shown before saving.

Blocking uses the folded name keys the registry already keeps for search (``PersonNameKey``,
indexed): a candidate shares the folded key of the family name and of the given name (in any
order and script, so "Сейтқазиев Ерлан" finds "Erlan Seitkaziev"), and a year of birth within
one year when both are known. Candidates are then ranked by the evidence each field gives.

The engine's date rule (ADR 0040, :func:`qorgau.names.dates.years_apart`) applies here too: two
full dates of birth more than a year apart are evidence of two people (namesakes, siblings), so
such a candidate is ranked last and shown with a warning that the dates disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from qorgau.names import fold_tokens
from qorgau.names.dates import PartialDate, years_apart
from qorgau.organisations.models import User
from qorgau.organisations.permissions import Perm
from qorgau.people.access import visible_persons
from qorgau.people.fields import FieldGroup, field_policies
from qorgau.people.models import Person, PersonNameKey
from qorgau.people.services.persons import PersonInput

#: How many candidates a check looks at, at most, and how many it shows.
BLOCK_LIMIT = 200
SHOWN = 5


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
        blocked = blocked.filter(
            Q(birth_year__isnull=True) | Q(birth_year__gte=year - 1, birth_year__lte=year + 1)
        )
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
    disagreeing = []
    born = PartialDate(
        person.birth_year, person.birth_month, person.birth_day, person.birth_precision
    )
    years = years_apart(birth, born)
    if years is not None:
        disagreeing.append(
            ngettext(
                "dates of birth differ by %(years)d year",
                "dates of birth differ by %(years)d years",
                years,
            )
            % {"years": years}
        )
        score = 0  # the date rule: below every candidate whose dates do not disagree
    return Likely(person=person, agreeing=agreeing, score=score, disagreeing=disagreeing)
