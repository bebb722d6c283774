"""Serialisers of the partner directory's API."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from qorgau.organisations.models import Organisation
from qorgau.partners.models import Agreement, PartnerProfile, Service
from qorgau.partners.selectors import AgreementState
from qorgau.people.fields import FieldGroup
from qorgau.reference.models import Region
from qorgau.web.api import CodeField


class ServiceSerializer(serializers.ModelSerializer[Service]):
    name = serializers.CharField(read_only=True, help_text="In the request's language.")

    class Meta:
        model = Service
        fields = ["code", "name", "name_en", "name_ru", "name_kk"]


class DirectoryQuerySerializer(serializers.Serializer[Any]):
    """The search of the directory: each filter optional."""

    service = serializers.SlugRelatedField(
        slug_field="code", queryset=Service.objects.all(), required=False
    )
    region = serializers.RegexField(r"^[A-Z]{2}-[A-Z0-9]{1,3}$", required=False)
    language = serializers.RegexField(r"^[a-z]{3}$", required=False)
    q = serializers.CharField(required=False, max_length=100)


class PartnerProfileSerializer(serializers.ModelSerializer[PartnerProfile]):
    id = serializers.UUIDField(source="organisation.public_id", read_only=True)
    organisation = serializers.CharField(source="organisation.code", read_only=True)
    name = serializers.CharField(source="organisation.local_name", read_only=True)
    type = serializers.CharField(source="organisation.type", read_only=True)
    services = ServiceSerializer(many=True, read_only=True)
    regions = serializers.SlugRelatedField[Region](slug_field="code", many=True, read_only=True)
    languages = serializers.ListField(
        source="language_codes", child=serializers.CharField(), read_only=True
    )

    class Meta:
        model = PartnerProfile
        fields = [
            "id", "organisation", "name", "type", "services", "regions", "languages",
            "eligibility", "contact_name", "email", "phone", "address", "opening_hours",
            "version", "updated_at",
        ]  # fmt: skip


class AgreementOutSerializer(serializers.ModelSerializer[Agreement]):
    id = serializers.UUIDField(source="public_id", read_only=True)
    provider = serializers.CharField(source="provider.code", read_only=True)
    recipient = serializers.CharField(source="recipient.code", read_only=True)
    field_groups = serializers.ListField(child=serializers.CharField(), read_only=True)
    has_document = serializers.SerializerMethodField()

    class Meta:
        model = Agreement
        fields = [
            "id", "reference", "provider", "recipient", "purpose", "field_groups", "starts_on",
            "expires_on", "has_document", "ended_at", "end_reason", "version", "created_at",
        ]  # fmt: skip

    def get_has_document(self, agreement: Agreement) -> bool:
        return bool(agreement.document)


class AgreementQuerySerializer(serializers.Serializer[Any]):
    """The list's filters, each optional: a party's code, words of the purpose, the state."""

    partner = CodeField[Organisation](
        slug_field="code", queryset=Organisation.objects.all(), required=False
    )
    purpose = serializers.CharField(required=False, max_length=100)
    state = serializers.ChoiceField(choices=AgreementState.choices, required=False)


class AgreementCreateSerializer(serializers.Serializer[Any]):
    """A new agreement, as multipart form data (the signed document is a file)."""

    provider = CodeField[Organisation](slug_field="code", queryset=Organisation.objects.all())
    recipient = CodeField[Organisation](slug_field="code", queryset=Organisation.objects.all())
    reference = serializers.CharField(max_length=200)
    purpose = serializers.CharField(max_length=300)
    field_groups = serializers.ListField(
        child=serializers.ChoiceField(choices=FieldGroup.choices), allow_empty=False
    )
    starts_on = serializers.DateField()
    expires_on = serializers.DateField()
    document = serializers.FileField(required=False)


class AgreementChangeSerializer(serializers.Serializer[Any]):
    """A change of an agreement's terms: the ``version`` read, and only the terms that change
    (the reference and the parties stay). Multipart when a new signed document is sent."""

    version = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    purpose = serializers.CharField(
        max_length=300,
        required=False,
        help_text="Several purposes are separated by semicolons; a share under the agreement "
        "names one of them.",
    )
    field_groups = serializers.ListField(
        child=serializers.ChoiceField(choices=FieldGroup.choices),
        allow_empty=False,
        required=False,
    )
    starts_on = serializers.DateField(required=False)
    expires_on = serializers.DateField(required=False)
    document = serializers.FileField(required=False)


class AgreementEndSerializer(serializers.Serializer[Any]):
    """Ending an agreement early: the ``version`` read and the reason."""

    version = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    reason = serializers.CharField(max_length=300)
