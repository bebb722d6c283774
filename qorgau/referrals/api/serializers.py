"""Serialisers of the referrals' API."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from qorgau.organisations.models import Organisation
from qorgau.partners.models import Service
from qorgau.people.fields import FieldGroup
from qorgau.referrals.deadlines import Urgency
from qorgau.referrals.machine import ReferralState, Step
from qorgau.referrals.models import ConsentMethod, Referral, ReferralEvent
from qorgau.web.api import CodeField


class ReferralEventSerializer(serializers.ModelSerializer[ReferralEvent]):
    organisation = serializers.CharField(source="organisation.code", read_only=True)
    actor = serializers.CharField(source="actor.username", read_only=True)

    class Meta:
        model = ReferralEvent
        fields = ["step", "organisation", "actor", "from_state", "to_state", "note", "at"]


class ReferralOutSerializer(serializers.ModelSerializer[Referral]):
    id = serializers.UUIDField(source="public_id", read_only=True)
    person = serializers.UUIDField(source="person.public_id", read_only=True, allow_null=True)
    household = serializers.UUIDField(source="household.public_id", read_only=True, allow_null=True)
    sender = serializers.CharField(source="sender.code", read_only=True)
    recipient = serializers.CharField(source="recipient.code", read_only=True)
    services = serializers.SlugRelatedField[Service](slug_field="code", many=True, read_only=True)
    field_groups = serializers.ListField(child=serializers.CharField(), read_only=True)
    agreement = serializers.UUIDField(source="agreement.public_id", read_only=True)
    previous = serializers.UUIDField(source="previous.public_id", read_only=True, allow_null=True)

    class Meta:
        model = Referral
        fields = [
            "id", "person", "household", "sender", "recipient", "services", "reason",
            "urgency", "field_groups", "agreement", "state", "version", "sent_at",
            "answer_due", "answered_at", "service_started_at", "outcome", "outcome_on",
            "previous", "created_at",
        ]  # fmt: skip


class ReferralDetailSerializer(ReferralOutSerializer):
    events = ReferralEventSerializer(many=True, read_only=True)

    class Meta(ReferralOutSerializer.Meta):
        fields = [*ReferralOutSerializer.Meta.fields, "events"]


class ConsentSerializer(serializers.Serializer[Any]):
    given = serializers.BooleanField()
    given_by = serializers.CharField(max_length=200)
    method = serializers.ChoiceField(choices=ConsentMethod.choices)
    given_on = serializers.DateField()
    guardian = serializers.CharField(max_length=200, required=False, allow_blank=True)
    override_reason = serializers.CharField(max_length=4000, required=False, allow_blank=True)


class ReferralCreateSerializer(serializers.Serializer[Any]):
    person = serializers.UUIDField(required=False)
    household = serializers.UUIDField(required=False)
    recipient = CodeField[Organisation](slug_field="code", queryset=Organisation.objects.all())
    services = serializers.ListField(child=serializers.CharField(max_length=40), min_length=1)
    reason = serializers.CharField(max_length=4000)
    urgency = serializers.ChoiceField(choices=Urgency.choices)
    field_groups = serializers.ListField(
        child=serializers.ChoiceField(choices=FieldGroup.choices), min_length=1
    )
    agreement = serializers.UUIDField(required=False)
    consent = ConsentSerializer(required=False, allow_null=True)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if ("person" in attrs) == ("household" in attrs):
            raise serializers.ValidationError({"person": "Name one person or one household."})
        return attrs


class TransitionSerializer(serializers.Serializer[Any]):
    step = serializers.ChoiceField(choices=[s for s in Step.choices if s[0] != Step.REREFER])
    version = serializers.IntegerField(min_value=1)
    reason = serializers.CharField(max_length=4000, required=False, allow_blank=True)
    outcome = serializers.CharField(max_length=4000, required=False, allow_blank=True)
    outcome_on = serializers.DateField(required=False, allow_null=True)


class VersionSerializer(serializers.Serializer[Any]):
    version = serializers.IntegerField(min_value=1)


class ReferralQuerySerializer(serializers.Serializer[Any]):
    box = serializers.ChoiceField(choices=["inbox", "outbox"], required=False)
    state = serializers.ChoiceField(choices=ReferralState.choices, required=False)
    service = serializers.CharField(max_length=40, required=False)
    urgency = serializers.ChoiceField(choices=Urgency.choices, required=False)
    overdue = serializers.BooleanField(required=False)


class FiguresQuerySerializer(serializers.Serializer[Any]):
    month = serializers.DateField(
        input_formats=["%Y-%m"], required=False, help_text="YYYY-MM; default: this month."
    )


_COUNT_HELP = 'A count, or "*" when too few to publish (disclosure control).'


class FigureRowSerializer(serializers.Serializer[Any]):
    partner = serializers.UUIDField(source="partner.public_id")
    partner_name = serializers.CharField(source="partner.name")
    service = serializers.CharField(source="service.code")
    sent = serializers.JSONField(help_text=_COUNT_HELP)
    answered_in_time = serializers.JSONField(help_text=_COUNT_HELP)
    accepted = serializers.JSONField(help_text=_COUNT_HELP)
    completed = serializers.JSONField(help_text=_COUNT_HELP)
    median_days_to_answer = serializers.FloatField(
        allow_null=True, help_text="Null when too few referrals stand behind it."
    )
    median_days_to_service = serializers.FloatField(allow_null=True)
