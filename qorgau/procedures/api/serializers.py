"""Serializers of the case API: output shapes, and input parsed into service inputs."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from rest_framework import serializers

from qorgau.organisations.permissions import Perm
from qorgau.procedures.models import Case, CaseStep
from qorgau.procedures.selectors import CasePage
from qorgau.procedures.services import StepInput
from qorgau.web.api import ActingOrganisationField


class CaseSerializer(serializers.ModelSerializer[Case]):
    id = serializers.UUIDField(source="public_id")
    country = serializers.CharField(source="country.iso3")
    person = serializers.UUIDField(source="person.public_id", allow_null=True, default=None)
    household = serializers.UUIDField(source="household.public_id", allow_null=True, default=None)
    organisation = serializers.CharField(source="organisation.code")
    assigned_to = serializers.CharField(
        source="assigned_to.username", default=None, allow_null=True
    )

    class Meta:
        model = Case
        fields = [
            "id", "country", "procedure", "person", "household", "organisation", "assigned_to",
            "stage", "opened_on", "closed_on", "decision", "decided_on", "due_on", "due_deadline",
            "paused_since", "paused_days", "events", "extensions", "version",
        ]  # fmt: skip


class StepSerializer(serializers.ModelSerializer[CaseStep]):
    actor = serializers.CharField(source="actor.username")
    organisation = serializers.CharField(source="organisation.code")
    documents = serializers.SerializerMethodField()
    status = serializers.CharField(source="status_period.status", default=None)

    class Meta:
        model = CaseStep
        fields = [
            "kind", "transition", "from_stage", "to_stage", "occurred_on", "recorded_at",
            "actor", "organisation", "fields", "decision", "grounds", "reasons", "status",
            "documents",
        ]  # fmt: skip

    def get_documents(self, step: CaseStep) -> list[dict[str, Any]]:
        return [
            {
                "type": d.type,
                "number": d.number,
                "issued_on": d.issued_on,
                "expires_on": d.expires_on,
            }
            for d in step.documents.all()
        ]


def case_page_data(page: CasePage) -> dict[str, Any]:
    """A case with its deadlines (and how each was computed), next steps and timeline."""
    return {
        **CaseSerializer(page.case).data,
        "deadlines": [
            {
                "code": view.deadline.code,
                "due": view.state.due,
                "met_on": view.state.met_on,
                "running": view.running,
                "overdue": view.overdue,
                "explanation": view.state.explanation,
            }
            for view in page.deadlines
        ],
        "next_steps": [t.code for t in page.next_steps],
        "steps_needing_other_roles": [t.code for t in page.other_steps],
        "steps": StepSerializer(page.steps, many=True).data,
    }


class CaseOpenSerializer(serializers.Serializer[Any]):
    procedure = serializers.CharField(max_length=40)
    person = serializers.UUIDField(required=False, allow_null=True, default=None)
    household = serializers.UUIDField(required=False, allow_null=True, default=None)
    organisation = ActingOrganisationField(Perm.PERSON_CREATE)
    opened_on = serializers.DateField(default=timezone.localdate)


class StepInputSerializer(serializers.Serializer[Any]):
    version = serializers.IntegerField()
    transition = serializers.CharField(max_length=40)
    occurred_on = serializers.DateField()
    # DRF's metaclass takes declared fields off the class, so "fields" does not hide
    # Serializer.fields at run time.
    fields = serializers.DictField(  # type: ignore[assignment]
        child=serializers.CharField(allow_blank=True), default=dict
    )
    grounds = serializers.ListField(child=serializers.CharField(), default=list)
    reasons = serializers.CharField(allow_blank=True, default="")
    documents = serializers.DictField(child=serializers.CharField(allow_blank=True), default=dict)

    def step_input(self) -> StepInput:
        data = self.validated_data
        return StepInput(
            transition=data["transition"],
            occurred_on=data["occurred_on"],
            fields=data["fields"],
            grounds=tuple(data["grounds"]),
            reasons=data["reasons"],
            documents=data["documents"],
        )


class ExtendSerializer(serializers.Serializer[Any]):
    version = serializers.IntegerField()
    deadline = serializers.CharField(max_length=40)
    until = serializers.DateField()
    occurred_on = serializers.DateField()
    reasons = serializers.CharField()


class PauseSerializer(serializers.Serializer[Any]):
    version = serializers.IntegerField()
    occurred_on = serializers.DateField()
    reasons = serializers.CharField(allow_blank=True, default="")
    resume = serializers.BooleanField(default=False)
