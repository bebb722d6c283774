"""The only doors to import runs, mappings and held rows.

An organisation's imports are its own: a user reaches a run, a mapping or a held row only in
an organisation where they register people (``person.create``), acting as that organisation;
the agency's country office sees no partner's imports through its country-wide scope, since a
held row carries a partner's list that is not yet a record. Missing and not-yours give the same
404 (``record_or_404``).

A web import (``ImportJob``) is its requester's alone, and only while they still register
people for its organisation: its pages show the rows of the uploaded file, and its error
report their values.
"""

from __future__ import annotations

from uuid import UUID

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from qorgau.imports.models import HeldRow, ImportJob, ImportMapping, ImportRun
from qorgau.organisations.models import User
from qorgau.organisations.permissions import Perm
from qorgau.organisations.selectors import user_scope
from qorgau.people.access import record_or_404


def _organisations(user: User | AnonymousUser) -> frozenset[int]:
    return user_scope(user, Perm.PERSON_CREATE).organisation_ids


def visible_runs(user: User | AnonymousUser) -> QuerySet[ImportRun]:
    return ImportRun.objects.filter(organisation_id__in=_organisations(user))


def visible_mappings(user: User | AnonymousUser) -> QuerySet[ImportMapping]:
    return ImportMapping.objects.filter(organisation_id__in=_organisations(user))


def visible_held_rows(user: User | AnonymousUser) -> QuerySet[HeldRow]:
    return HeldRow.objects.filter(organisation_id__in=_organisations(user))


def access_run(*, user: User, public_id: UUID | str) -> ImportRun:
    return record_or_404(visible_runs(user), public_id)


def access_mapping(*, user: User, public_id: UUID | str) -> ImportMapping:
    return record_or_404(visible_mappings(user), public_id)


def visible_jobs(user: User | AnonymousUser) -> QuerySet[ImportJob]:
    if not user.is_authenticated:
        return ImportJob.objects.none()
    return ImportJob.objects.filter(organisation_id__in=_organisations(user), requested_by=user)


def access_import_job(*, user: User, public_id: UUID | str) -> ImportJob:
    job: ImportJob = record_or_404(visible_jobs(user).select_related("run"), public_id)
    return job


def access_held_row(*, user: User, public_id: UUID | str) -> HeldRow:
    held: HeldRow = record_or_404(
        visible_held_rows(user).select_related("organisation", "run"), public_id
    )
    return held
