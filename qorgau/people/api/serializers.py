"""Serializers of the registry API: output shapes, and input parsed into service inputs."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from qorgau.organisations.permissions import Perm
from qorgau.people.access import visible_households
from qorgau.people.api.fields import (
    CountryField,
    NameField,
    OrganisationField,
    PartialDateField,
    RegionField,
)
from qorgau.people.dates import PartialDate
from qorgau.people.fields import PERSON_API_FIELDS, FieldGroup, FieldPolicy, field_policies
from qorgau.people.models import (
    AliasKind,
    CitizenshipStatus,
    Document,
    DocumentType,
    Household,
    LegalStatus,
    LegalStatusPeriod,
    Person,
    Relationship,
    Sex,
    Share,
)
from qorgau.people.services.persons import AliasInput, PersonInput
from qorgau.web.api import ActingOrganisationField


class AliasSerializer(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=AliasKind.choices, default=AliasKind.SPELLING)
    family_name = serializers.CharField(max_length=100, allow_blank=True, default="")
    given_name = serializers.CharField(max_length=100, allow_blank=True, default="")
    patronymic = serializers.CharField(max_length=100, allow_blank=True, default="")


class PersonOutSerializer(serializers.ModelSerializer[Person]):
    id = serializers.UUIDField(source="public_id")
    date_of_birth = serializers.SerializerMethodField()
    birth_country: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="iso3", read_only=True, allow_null=True
    )
    citizenship_country: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="iso3", read_only=True, allow_null=True
    )
    origin_country: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="iso3", read_only=True, allow_null=True
    )
    country_office: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="iso3", read_only=True
    )
    region: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True
    )
    registered_by: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    household = serializers.SerializerMethodField()
    phones = serializers.SerializerMethodField()
    needs = serializers.SerializerMethodField()
    aliases = serializers.SerializerMethodField()

    class Meta:
        model = Person
        fields = [
            "id",
            "registration_number",
            "family_name",
            "given_name",
            "patronymic",
            "family_name_latin",
            "given_name_latin",
            "patronymic_latin",
            "sex",
            "date_of_birth",
            "birth_precision",
            "birth_country",
            "birth_place",
            "citizenship_status",
            "citizenship_country",
            "origin_country",
            "languages",
            "address",
            "region",
            "phones",
            "needs",
            "aliases",
            "household",
            "relationship",
            "country_office",
            "registered_by",
            "source_id",
            "version",
            "created_at",
            "updated_at",
        ]

    def to_representation(self, instance: Person) -> dict[str, Any]:
        """The person as the reader may see them: the fields of a group the reader's role may
        not read are left out (absent, not empty: issue 14)."""
        data: dict[str, Any] = super().to_representation(instance)
        policy = self._policies().get(instance.pk)
        if policy is None:
            return data
        for group, names in PERSON_API_FIELDS.items():
            if not policy.shows(group):
                for name in names:
                    data.pop(name, None)
        return data

    def _policies(self) -> dict[int, FieldPolicy]:
        """The reader's field policy for every serialised person (at most one query per
        response); empty without a request (the policy is then the caller's business)."""
        root = self.root
        cached: dict[int, FieldPolicy] | None = root.__dict__.get("_field_policies")
        if cached is None:
            request = self.context.get("request")
            instance = root.instance
            people: list[Any] = list(instance) if isinstance(instance, list | tuple) else [instance]
            cached = {} if request is None else field_policies(request.user, people)
            root.__dict__["_field_policies"] = cached
        return cached

    def get_date_of_birth(self, person: Person) -> str:
        return PartialDate(person.birth_year, person.birth_month, person.birth_day).isoformat()

    def get_household(self, person: Person) -> str | None:
        """The household's id, only for readers who may see the household: a share of one
        person does not reveal which household they belong to."""
        if person.household_id is None or person.household_id not in self._households():
            return None
        return str(person.household.public_id) if person.household else None

    def _households(self) -> set[int]:
        """Households of the serialised people the reader may see (one query per response)."""
        root = self.root
        cached: set[int] | None = root.__dict__.get("_visible_households")
        if cached is None:
            request = self.context.get("request")
            instance = root.instance
            people: list[Any] = list(instance) if isinstance(instance, list | tuple) else [instance]
            ids = {p.household_id for p in people if getattr(p, "household_id", None)}
            cached = set()
            if request is not None and ids:
                cached = set(
                    visible_households(request.user).filter(pk__in=ids).values_list("pk", flat=True)
                )
            root.__dict__["_visible_households"] = cached
        return cached

    # Each reads the list the view prefetched (``listed_*``), else asks the database.

    def get_phones(self, person: Person) -> list[str]:
        phones = getattr(person, "listed_phones", None)
        return [str(p.number) for p in (person.phones.all() if phones is None else phones)]

    def get_needs(self, person: Person) -> list[str]:
        needs = getattr(person, "listed_needs", None)
        return [n.need.code for n in (person.needs.all() if needs is None else needs)]

    @extend_schema_field(AliasSerializer(many=True))
    def get_aliases(self, person: Person) -> Any:
        aliases = getattr(person, "listed_aliases", None)
        return AliasSerializer(person.aliases.all() if aliases is None else aliases, many=True).data


class NameWarningSerializer(serializers.Serializer[Any]):
    field = serializers.CharField()
    code = serializers.CharField()
    message = serializers.CharField()


class PersonWrittenSerializer(PersonOutSerializer):
    """A person as just saved, with the warnings of the save: look-alike letters of another
    alphabet replaced in a name (issue 14). ``context["warnings"]``: ``NameWarning``s."""

    warnings = serializers.SerializerMethodField()

    class Meta(PersonOutSerializer.Meta):
        fields = [*PersonOutSerializer.Meta.fields, "warnings"]

    @extend_schema_field(NameWarningSerializer(many=True))
    def get_warnings(self, person: Person) -> Any:
        return NameWarningSerializer(self.context.get("warnings", []), many=True).data


class PersonInSerializer(serializers.Serializer[Any]):
    family_name = NameField(max_length=100, allow_blank=True, default="")
    given_name = NameField(max_length=100)
    patronymic = NameField(max_length=100, allow_blank=True, default="")
    sex = serializers.ChoiceField(choices=Sex.choices)
    date_of_birth = PartialDateField(allow_blank=True, default="")
    date_of_birth_estimated = serializers.BooleanField(default=False)
    birth_country = CountryField()
    birth_place = serializers.CharField(max_length=200, allow_blank=True, default="")
    citizenship_status = serializers.ChoiceField(choices=CitizenshipStatus.choices)
    citizenship_country = CountryField()
    origin_country = CountryField()
    languages = serializers.ListField(
        child=serializers.CharField(max_length=3), default=list, max_length=20
    )
    address = serializers.CharField(max_length=300, allow_blank=True, default="")
    region = RegionField()
    phones = serializers.ListField(
        child=serializers.CharField(max_length=40), default=list, max_length=10
    )
    needs = serializers.ListField(child=serializers.CharField(max_length=5), default=list)
    aliases = AliasSerializer(many=True, default=list)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        # In a partial update (PATCH) fields that were not sent are absent, defaults included.
        birth: PartialDate | None = attrs.get("date_of_birth")
        if attrs.pop("date_of_birth_estimated", False) and birth and birth.year is not None:
            attrs["date_of_birth"] = PartialDate.parse(str(birth.year), estimated=True)
        return attrs

    def changes(self) -> dict[str, Any]:
        """The submitted values, by their names in ``PersonInput`` (a partial update sends
        some of them only)."""
        data = dict(self.validated_data)
        if "date_of_birth" in data:
            data["birth"] = data.pop("date_of_birth")
        if "aliases" in data:
            data["aliases"] = [AliasInput(**a) for a in data["aliases"]]
        data.pop("organisation", None)
        data.pop("source_id", None)
        data.pop("version", None)
        return data

    def person_input(self, base: PersonInput | None = None) -> PersonInput:
        """The submitted values; for a partial update, ``base`` supplies those not sent."""
        data = self.changes()
        return PersonInput(**data) if base is None else replace(base, **data)


class PersonCreateSerializer(PersonInSerializer):
    organisation = ActingOrganisationField(Perm.PERSON_CREATE)
    source_id = serializers.CharField(max_length=64, allow_blank=True, default="")


class PersonUpdateSerializer(PersonInSerializer):
    version = serializers.IntegerField(min_value=1)


class HouseholdMemberSerializer(serializers.Serializer[Any]):
    person = serializers.UUIDField()
    relationship = serializers.ChoiceField(choices=Relationship.choices)


class HouseholdPrincipalSerializer(serializers.Serializer[Any]):
    person = serializers.UUIDField(help_text="A member who becomes the principal applicant.")
    former_principal_relationship = serializers.ChoiceField(
        choices=[c for c in Relationship.choices if c[0] != Relationship.PRINCIPAL],
        help_text="The former principal applicant's relationship to the new one.",
    )
    version = serializers.IntegerField(
        required=False, min_value=1, help_text="The household's version the change is based on."
    )


class HouseholdOutSerializer(serializers.ModelSerializer[Household]):
    id = serializers.UUIDField(source="public_id")
    country_office: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="iso3", read_only=True
    )
    registered_by: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    members = serializers.SerializerMethodField()

    class Meta:
        model = Household
        fields = [
            "id",
            "registration_number",
            "country_office",
            "registered_by",
            "source_id",
            "members",
            "version",
            "created_at",
        ]

    def get_members(self, household: Household) -> list[dict[str, str]]:
        """The members the reader may see; each one's relationship only where the reader's
        role may read the person's household (the field policy, ``context["policies"]``)."""
        visible = self.context["visible_members"].get(household.pk, [])
        policies: dict[int, FieldPolicy] = self.context.get("policies", {})
        members = []
        for p in visible:
            member = {"person": str(p.public_id), "registration_number": p.registration_number}
            policy = policies.get(p.pk)
            if policy is None or policy.shows("household"):
                member["relationship"] = p.relationship
            members.append(member)
        return members


class HouseholdCreateSerializer(serializers.Serializer[Any]):
    organisation = ActingOrganisationField(Perm.PERSON_CREATE)
    members = serializers.ListField(
        child=HouseholdMemberSerializer(), allow_empty=False, max_length=50
    )


class DocumentOutSerializer(serializers.ModelSerializer[Document]):
    id = serializers.UUIDField(source="public_id")
    person: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="public_id", read_only=True
    )
    issuing_country: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="iso3", read_only=True, allow_null=True
    )

    class Meta:
        model = Document
        fields = [
            "id",
            "person",
            "type",
            "number",
            "issuing_country",
            "issuer",
            "issued_on",
            "expires_on",
            "created_at",
            "updated_at",
        ]


class DocumentCreateSerializer(serializers.Serializer[Any]):
    person = serializers.UUIDField()
    type = serializers.ChoiceField(choices=DocumentType.choices)
    number = serializers.CharField(max_length=64)
    issuing_country = CountryField()
    issuer = serializers.CharField(max_length=200, allow_blank=True, default="")
    issued_on = serializers.DateField(required=False, allow_null=True, default=None)
    expires_on = serializers.DateField(required=False, allow_null=True, default=None)


class DocumentUpdateSerializer(serializers.Serializer[Any]):
    number = serializers.CharField(max_length=64, required=False)
    issuer = serializers.CharField(max_length=200, allow_blank=True, required=False)
    issued_on = serializers.DateField(required=False, allow_null=True)
    expires_on = serializers.DateField(required=False, allow_null=True)


class StatusPeriodOutSerializer(serializers.ModelSerializer[LegalStatusPeriod]):
    id = serializers.UUIDField(source="public_id")
    person: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="public_id", read_only=True
    )
    deciding_authority: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True
    )
    recorded_by: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )

    class Meta:
        model = LegalStatusPeriod
        fields = [
            "id",
            "person",
            "status",
            "effective_from",
            "effective_to",
            "deciding_authority",
            "recorded_by",
            "basis",
            "created_at",
        ]


class StatusPeriodCreateSerializer(serializers.Serializer[Any]):
    organisation = ActingOrganisationField(Perm.PERSON_CHANGE)
    person = serializers.UUIDField()
    status = serializers.ChoiceField(choices=LegalStatus.choices)
    effective_from = serializers.DateField()
    deciding_authority = OrganisationField(required=False, default=None)
    basis = serializers.CharField(max_length=300, allow_blank=True, default="")


class StatusPeriodUpdateSerializer(serializers.Serializer[Any]):
    deciding_authority = OrganisationField()
    basis = serializers.CharField(max_length=300, allow_blank=True)


class ShareOutSerializer(serializers.ModelSerializer[Share]):
    id = serializers.UUIDField(source="public_id")
    organisation: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    person: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="public_id", read_only=True, allow_null=True
    )
    household: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="public_id", read_only=True, allow_null=True
    )
    active = serializers.SerializerMethodField()
    field_groups = serializers.ListField(
        child=serializers.ChoiceField(choices=FieldGroup.choices),
        read_only=True,
        help_text="The groups of the person's fields the recipient may read.",
    )
    agreement_record: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="public_id",
        read_only=True,
        allow_null=True,
        help_text="The id of the agreement record the share is made under.",
    )
    legacy_agreement = serializers.SerializerMethodField(
        help_text="Made before agreement records: `agreement` is free text, named by no record."
    )

    class Meta:
        model = Share
        fields = [
            "id",
            "organisation",
            "person",
            "household",
            "agreement",
            "agreement_record",
            "legacy_agreement",
            "purpose",
            "expires_on",
            "field_groups",
            "revoked_at",
            "active",
            "created_at",
        ]

    def get_legacy_agreement(self, share: Share) -> bool:
        return share.agreement_record_id is None

    def get_active(self, share: Share) -> bool:
        return share.revoked_at is None and share.expires_on >= timezone.localdate()


class ShareCreateSerializer(serializers.Serializer[Any]):
    organisation = OrganisationField(allow_null=False)
    person = serializers.UUIDField(required=False, allow_null=True, default=None)
    household = serializers.UUIDField(required=False, allow_null=True, default=None)
    agreement = serializers.CharField(
        max_length=200,
        help_text=(
            "The data-sharing agreement record the share is made under, by its id or its "
            "reference (`/api/v1/agreements/`): in force, signed by the organisation that "
            "registered the record or the agency office, with `organisation`."
        ),
    )
    purpose = serializers.CharField(
        max_length=300,
        help_text=(
            "Names one of the agreement's purposes in full (its purpose text separates several "
            "with semicolons); details may follow. Any other purpose is refused on `purpose`."
        ),
    )
    expires_on = serializers.DateField()
    field_groups = serializers.ListField(
        child=serializers.ChoiceField(choices=FieldGroup.choices),
        required=False,
        max_length=len(FieldGroup.choices),
        help_text=(
            "The groups of the person's fields to share, among those you read on the record; "
            "identity, legal status, contact and household when left out."
        ),
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if (attrs["person"] is None) == (attrs["household"] is None):
            raise serializers.ValidationError(
                {"person": [_("Name exactly one person or one household.")]}
            )
        return attrs
