"""Reads of legal standards: a country's page (treaty status, and the matrix of standards ×
provisions in force on a date with the latest assessment of each pair) and its timeline."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from qorgau.legal.models import (
    Assessment,
    FollowUp,
    Provision,
    Recommendation,
    Standard,
    TreatyStatus,
    TreatyStatusKind,
)
from qorgau.reference.models import Country


@dataclass(frozen=True)
class Matrix:
    """Rows: standards; columns: provisions in force on ``on``; ``cells[(standard id,
    provision id)]``: the latest assessment made by ``on``."""

    standards: list[Standard]
    provisions: list[Provision]
    cells: dict[tuple[int, int], Assessment]

    def rows(self) -> list[tuple[Standard, list[Assessment | None]]]:
        return [
            (s, [self.cells.get((s.pk, p.pk)) for p in self.provisions]) for s in self.standards
        ]


@dataclass(frozen=True)
class LegalPage:
    country: Country
    on: dt.date
    statuses: list[TreatyStatus]
    matrix: Matrix
    recommendations: list[Recommendation]
    can_edit: bool


def provisions_in_force(country: Country, on: dt.date) -> list[Provision]:
    return list(
        Provision.objects.filter(law__country=country, in_force_from__lte=on)
        .filter(Q(in_force_to__isnull=True) | Q(in_force_to__gte=on))
        .select_related("law")
    )


def legal_page(*, country: Country, on: dt.date, can_edit: bool) -> LegalPage:
    provisions = provisions_in_force(country, on)
    cells: dict[tuple[int, int], Assessment] = {}
    for assessment in Assessment.objects.filter(
        provision__in=provisions, assessed_on__lte=on
    ).order_by("assessed_on", "id"):
        cells[(assessment.standard_id, assessment.provision_id)] = assessment
    return LegalPage(
        country=country,
        on=on,
        statuses=list(TreatyStatus.objects.filter(country=country).select_related("instrument")),
        matrix=Matrix(list(Standard.objects.select_related("instrument")), provisions, cells),
        recommendations=list(
            Recommendation.objects.filter(assessment__provision__law__country=country)
            .select_related("assessment__standard", "assessment__provision__law")
            .prefetch_related("follow_ups")
        ),
        can_edit=can_edit,
    )


@dataclass(frozen=True)
class Change:
    day: dt.date
    kind: str
    text: str


def legal_timeline(country: Country) -> list[Change]:
    """Every dated change of the country's legal standards, newest first: treaty signatures
    and accessions, provisions coming into and leaving force, assessments, recommendations and
    their follow-up."""
    changes: list[Change] = []
    for status in TreatyStatus.objects.filter(country=country).select_related("instrument"):
        if status.signed_on:
            changes.append(
                Change(
                    status.signed_on,
                    _("Treaty"),
                    _("Signed: %(name)s") % {"name": status.instrument.name},
                )
            )
        if status.party_since:
            changes.append(
                Change(
                    status.party_since,
                    _("Treaty"),
                    _("Party to %(name)s") % {"name": status.instrument.name},
                )
            )
    for provision in Provision.objects.filter(law__country=country).select_related("law"):
        name = str(provision)
        changes.append(
            Change(provision.in_force_from, _("Law"), _("In force: %(name)s") % {"name": name})
        )
        if provision.in_force_to:
            changes.append(
                Change(
                    provision.in_force_to,
                    _("Law"),
                    _("Out of force after: %(name)s") % {"name": name},
                )
            )
    for assessment in Assessment.objects.filter(provision__law__country=country).select_related(
        "provision__law", "standard"
    ):
        text: Any = _("%(provision)s against %(standard)s: %(alignment)s") % {
            "provision": assessment.provision,
            "standard": assessment.standard.name,
            "alignment": assessment.get_alignment_display(),
        }
        changes.append(Change(assessment.assessed_on, _("Assessment"), text))
    for recommendation in Recommendation.objects.filter(
        assessment__provision__law__country=country
    ):
        changes.append(Change(recommendation.made_on, _("Recommendation"), recommendation.text))
    for follow_up in FollowUp.objects.filter(
        recommendation__assessment__provision__law__country=country
    ):
        changes.append(
            Change(
                follow_up.occurred_on,
                _("Follow-up"),
                f"{follow_up.get_status_to_display()}: {follow_up.note}",
            )
        )
    return sorted(changes, key=lambda c: c.day, reverse=True)


@dataclass(frozen=True)
class TreatyStatusChange:
    """One version of a treaty status: when, by whom, why, and what it said."""

    at: dt.datetime
    user: str
    reason: str  # the manager's words; empty for the shipped status
    status: str
    signed_on: dt.date | None
    party_since: dt.date | None
    verified: bool
    source: str


def treaty_status_history(treaty_status: TreatyStatus) -> list[TreatyStatusChange]:
    """The status's versions, newest first, read as values."""
    labels = dict(TreatyStatusKind.choices)
    rows = treaty_status.history.order_by("-history_date", "-history_id").values_list(
        "history_date", "history_user__username", "history_type", "history_change_reason",
        "status", "signed_on", "party_since", "verified", "source",
    )  # fmt: skip
    return [
        TreatyStatusChange(
            at,
            user or "",
            "" if kind == "+" else reason or "",
            str(labels.get(status, status)),
            signed,
            party,
            verified,
            source,
        )
        for at, user, kind, reason, status, signed, party, verified, source in rows
    ]
