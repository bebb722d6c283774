"""Web forms of the registry. They parse input into service inputs; the services validate."""

from __future__ import annotations

import dataclasses
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from qorgau.organisations.models import Organisation, User
from qorgau.people import errors
from qorgau.people.dates import PartialDate
from qorgau.people.fields import (
    FIELD_GROUP,
    PERSON_INPUT_FIELDS,
    SHARE_DEFAULT,
    FieldGroup,
    field_write_check,
)
from qorgau.people.models import (
    AliasKind,
    CitizenshipStatus,
    DocumentType,
    LegalStatus,
    Person,
    Relationship,
    Sex,
)
from qorgau.people.services.persons import AliasInput, PersonInput
from qorgau.reference.languages import language_choices, language_lookup
from qorgau.reference.models import Country, Region, SpecificNeed
from qorgau.web.widgets import DateInput


def _split(text: str) -> list[str]:
    return [
        item.strip()
        for item in text.replace(";", ",").replace("\n", ",").split(",")
        if item.strip()
    ]


def _aliases(text: str, known: list[AliasInput]) -> list[AliasInput]:
    """One alias per line ("family given patronymic…"); a line equal to a known alias keeps that
    alias's kind (an earlier name stays an earlier name), a new line is another spelling."""
    kinds = {(a.family_name, a.given_name, a.patronymic): a.kind for a in known}
    result = []
    for line in text.splitlines():
        words = line.split()
        if not words:
            continue
        family, given, patronymic = words[0], " ".join(words[1:2]), " ".join(words[2:])
        kind = kinds.get((family, given, patronymic), AliasKind.SPELLING)
        result.append(AliasInput(family, given, patronymic, kind))
    return result


class PersonForm(forms.Form):
    #: The fields the registration page shows first, beside the likely existing records.
    name_fields = (
        "family_name",
        "given_name",
        "patronymic",
        "sex",
        "date_of_birth",
        "date_of_birth_estimated",
    )
    family_name = forms.CharField(label=_("Family name"), max_length=100, required=False)
    given_name = forms.CharField(label=_("Given name"), max_length=100)
    patronymic = forms.CharField(
        label=_("Patronymic or father's name"), max_length=100, required=False
    )
    sex = forms.ChoiceField(label=_("Sex"), choices=[("", "—"), *Sex.choices])
    date_of_birth = forms.CharField(
        label=_("Date of birth"),
        required=False,
        max_length=10,
        help_text=_("YYYY-MM-DD, DD.MM.YYYY, YYYY-MM or YYYY: only what is known."),
    )
    date_of_birth_estimated = forms.BooleanField(label=_("Year is estimated"), required=False)
    birth_country = forms.ModelChoiceField(
        empty_label="—", label=_("Country of birth"), queryset=Country.objects.all(), required=False
    )
    birth_place = forms.CharField(label=_("Place of birth"), max_length=200, required=False)
    citizenship_status = forms.ChoiceField(
        label=_("Citizenship"), choices=CitizenshipStatus.choices
    )
    citizenship_country = forms.ModelChoiceField(
        empty_label="—",
        label=_("Country of citizenship"),
        queryset=Country.objects.all(),
        required=False,
    )
    origin_country = forms.ModelChoiceField(
        empty_label="—",
        label=_("Country of origin"),
        queryset=Country.objects.all(),
        required=False,
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"), required=False, widget=forms.CheckboxSelectMultiple
    )
    other_languages = forms.CharField(
        label=_("Other languages"),
        required=False,
        max_length=200,
        help_text=_("Not in the list: their names in English or ISO 639 codes, by commas."),
    )
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    region = forms.ModelChoiceField(
        empty_label="—", label=_("Region"), queryset=Region.objects.all(), required=False
    )
    phones = forms.CharField(
        label=_("Phone numbers"),
        required=False,
        max_length=300,
        help_text=_("Separated by commas; local numbers are read as numbers of Kazakhstan."),
    )
    aliases = forms.CharField(
        label=_("Other spellings and earlier names"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One name per line: family name, given name, patronymic."),
    )
    needs = forms.MultipleChoiceField(
        label=_("Specific needs"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "checklist"}),
    )

    def __init__(
        self,
        *args: Any,
        known_aliases: list[AliasInput] | None = None,
        settable: frozenset[FieldGroup] | None = None,
        base: PersonInput | None = None,
        **kw: Any,
    ):
        super().__init__(*args, **kw)
        self.known_aliases = known_aliases or []
        # The field policy (people/fields.py): a field of a group the user's role may not set
        # is not shown; ``forged`` names those a submission carries all the same (refused by
        # ``field_write_check``); ``base`` gives their values (the stored ones on an edit).
        self.base = base
        self.withheld = [
            name
            for name in list(self.fields)
            if settable is not None and name in FIELD_GROUP and FIELD_GROUP[name] not in settable
        ]
        for name in self.withheld:
            del self.fields[name]
        self.forged = [
            name for name in self.withheld if self.is_bound and self.add_prefix(name) in self.data
        ]
        if "languages" in self.fields:
            field = self.fields["languages"]
            assert isinstance(field, forms.MultipleChoiceField)  # noqa: S101
            held = tuple(self.initial.get("languages") or ())
            if self.is_bound and hasattr(self.data, "getlist"):
                # A code the record held before is offered again, so an edit never drops it.
                held += tuple(self.data.getlist(self.add_prefix("languages")))
            field.choices = language_choices(held)
        if "needs" in self.fields:
            needs = self.fields["needs"]
            assert isinstance(needs, forms.MultipleChoiceField)  # noqa: S101
            held_needs = tuple(self.initial.get("needs") or ())
            if self.is_bound and hasattr(self.data, "getlist"):
                held_needs += tuple(self.data.getlist(self.add_prefix("needs")))
            needs.choices = need_choices(held_needs)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        codes = []
        for text in _split(data.get("other_languages", "")):
            code = language_lookup(text)
            if code is None:
                self.add_error("other_languages", UNKNOWN_LANGUAGE % {"name": text})
            else:
                codes.append(code)
        data["other_language_codes"] = codes
        try:
            data["birth"] = PartialDate.parse(
                data.get("date_of_birth", ""), estimated=data.get("date_of_birth_estimated", False)
            )
        except ValidationError as exc:
            self.add_error("date_of_birth", exc)
        return data

    def person_input(self) -> PersonInput:
        data = self.cleaned_data
        submitted = PersonInput(
            family_name=data.get("family_name", ""),
            given_name=data.get("given_name", ""),
            patronymic=data.get("patronymic", ""),
            sex=data.get("sex", ""),
            birth=data["birth"],
            birth_country=data.get("birth_country"),
            birth_place=data.get("birth_place", ""),
            citizenship_status=data.get("citizenship_status", ""),
            citizenship_country=data.get("citizenship_country"),
            origin_country=data.get("origin_country"),
            languages=[*data.get("languages", []), *data["other_language_codes"]],
            address=data.get("address", ""),
            region=data.get("region"),
            phones=_split(data.get("phones", "")),
            needs=list(data.get("needs", [])),
            aliases=_aliases(data.get("aliases", ""), self.known_aliases),
        )
        # A group not shown keeps the stored values (an edit) or the empty ones (a new person).
        kept = {
            name: getattr(self.base or PersonInput("", "", ""), name)
            for group, names in PERSON_INPUT_FIELDS.items()
            for name in names
            if group in {FIELD_GROUP[w] for w in self.withheld}
        }
        return dataclasses.replace(submitted, **kept)

    def add_service_errors(self, error: ValidationError, prefix: str = "") -> bool:
        """Show a service's field errors on this form; False if none belonged here."""
        shown = False
        for name, problems in error.error_dict.items():
            if prefix:
                if not name.startswith(prefix):
                    continue
                name = name.removeprefix(prefix)
            self.add_error(name if name in self.fields else None, problems)
            shown = True
        return shown

    @staticmethod
    def initial_from(person_input: PersonInput) -> dict[str, Any]:
        initial = {
            k: v for k, v in vars(person_input).items() if k not in {"birth", "aliases", "needs"}
        }
        initial["date_of_birth"] = person_input.birth.isoformat()
        initial["date_of_birth_estimated"] = person_input.birth.precision == "estimated"
        initial["languages"] = list(person_input.languages)
        initial["phones"] = ", ".join(person_input.phones)
        initial["needs"] = list(person_input.needs)
        initial["aliases"] = "\n".join(
            " ".join(p for p in (a.family_name, a.given_name, a.patronymic) if p)
            for a in person_input.aliases
        )
        return initial


class PersonEditForm(PersonForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


def need_choices(held: tuple[str, ...] = ()) -> list[tuple[str, list[tuple[str, str]]]]:
    """UNHCR's specific-needs codes grouped by their category, named; a category's own code
    is offered only to a record that holds it, so that an edit never drops it."""
    needs = list(SpecificNeed.objects.select_related("parent").order_by("code"))
    groups: dict[str, list[tuple[str, str]]] = {}
    titles: dict[str, str] = {}
    for need in needs:
        category = need.code if need.parent is None else need.parent.code
        if need.parent is None:
            titles[category] = str(need.name)
            if need.code not in held:
                continue
        groups.setdefault(category, []).append((need.code, f"{need.code} {need.name}"))
    return [(titles.get(code, code), choices) for code, choices in groups.items()]


UNKNOWN_LANGUAGE = _("Unknown language: %(name)s.")
SAME_AS_PRINCIPAL = _("— same as the principal applicant")


class MemberForm(PersonForm):
    """A household member. Citizenship, origin, address and region left empty are the principal's
    (see ``member_input``): so the citizenship select starts on an empty choice too, and a block
    the clerk leaves untouched sends only empty values and is not registered."""

    INHERITED = ("citizenship_status", "citizenship_country", "origin_country", "address", "region")

    citizenship_status = forms.ChoiceField(
        label=_("Citizenship"),
        choices=[("", SAME_AS_PRINCIPAL), *CitizenshipStatus.choices],
        required=False,
    )
    relationship = forms.ChoiceField(
        label=_("Relationship to the principal applicant"),
        choices=[("", "—"), *(c for c in Relationship.choices if c[0] != Relationship.PRINCIPAL)],
    )

    def __init__(self, *args: Any, **kw: Any):
        super().__init__(*args, **kw)
        for name in ("citizenship_country", "origin_country", "region"):
            if name not in self.fields:
                continue
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)  # noqa: S101
            field.empty_label = SAME_AS_PRINCIPAL
        if "address" in self.fields:
            self.fields["address"].widget.attrs["placeholder"] = SAME_AS_PRINCIPAL

    def member_input(self, *, principal: PersonInput) -> PersonInput:
        """The member's input, with the principal's values where the member's are left empty. The
        country of citizenship goes with the status: a member of another status keeps their own."""
        data = self.person_input()
        inherited = {name: getattr(principal, name) for name in self.INHERITED}
        own = {name: getattr(data, name) for name in self.INHERITED if getattr(data, name)}
        if "citizenship_status" in own:
            inherited.pop("citizenship_country")
        return dataclasses.replace(data, **(inherited | own))


# A household of 30 on one form: the principal and 29 members. A forged management form asking
# for more makes no more forms than this (``absolute_max``) and is refused with this message.
MEMBER_BLOCKS_MAX = 29


class BaseMemberFormSet(forms.BaseFormSet):
    default_error_messages = {
        **forms.BaseFormSet.default_error_messages,
        "too_many_forms": errors.TOO_MANY_MEMBER_BLOCKS,
    }


MemberFormSet = forms.formset_factory(
    MemberForm,
    formset=BaseMemberFormSet,
    extra=2,
    max_num=MEMBER_BLOCKS_MAX,
    absolute_max=MEMBER_BLOCKS_MAX,
    validate_max=True,
)


class HouseholdVersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class MemberRegisterForm(MemberForm):
    """A new member of an existing household: empty citizenship, origin and address are the
    principal applicant's, as at registration."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class MemberAddForm(HouseholdVersionForm):
    """An existing person, found by registration number, joins the household."""

    registration_number = forms.CharField(label=_("Registration number"), max_length=32)
    relationship = forms.ChoiceField(
        label=_("Relationship to the principal applicant"),
        choices=[("", "—"), *(c for c in Relationship.choices if c[0] != Relationship.PRINCIPAL)],
    )

    def clean_registration_number(self) -> str:
        return str(self.cleaned_data["registration_number"]).strip().upper()


class PrincipalChangeForm(HouseholdVersionForm):
    person = forms.ChoiceField(label=_("New principal applicant"))
    former_principal_relationship = forms.ChoiceField(
        label=_("Relationship of the former principal applicant to the new one"),
        choices=[("", "—"), *(c for c in Relationship.choices if c[0] != Relationship.PRINCIPAL)],
    )

    def __init__(self, *args: Any, members: list[tuple[str, str]], **kw: Any):
        super().__init__(*args, **kw)
        field = self.fields["person"]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101
        field.choices = [("", "—"), *members]


class DocumentForm(forms.Form):
    type = forms.ChoiceField(label=_("Type"), choices=[("", "—"), *DocumentType.choices])
    number = forms.CharField(label=_("Number"), max_length=64)
    issuing_country = forms.ModelChoiceField(
        empty_label="—", label=_("Issuing country"), queryset=Country.objects.all(), required=False
    )
    issuer = forms.CharField(label=_("Issued by"), max_length=200, required=False)
    issued_on = forms.DateField(label=_("Date of issue"), required=False, widget=DateInput)
    expires_on = forms.DateField(label=_("Date of expiry"), required=False, widget=DateInput)


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Legal status"), choices=[("", "—"), *LegalStatus.choices])
    effective_from = forms.DateField(label=_("Effective from"), widget=DateInput)
    deciding_authority = forms.ModelChoiceField(
        empty_label="—",
        label=_("Deciding authority"),
        queryset=Organisation.objects.all(),
        required=False,
    )
    basis = forms.CharField(label=_("Basis (decision, reference)"), max_length=300, required=False)


class AgreementChoiceField(forms.ModelChoiceField):
    """An agreement in force, named by its id, shown with the organisation it is with."""

    def label_from_instance(self, obj: Any) -> str:
        return _("%(reference)s: with %(recipient)s, for %(purpose)s, until %(date)s") % {
            "reference": obj.reference,
            "recipient": obj.recipient.local_name,
            "purpose": obj.purpose,
            "date": date_format(obj.expires_on),
        }


class ShareForm(forms.Form):
    agreement = AgreementChoiceField(
        empty_label="—",
        label=_("Data-sharing agreement"),
        queryset=Organisation.objects.none(),
        to_field_name="public_id",
        help_text=_(
            "The record is shared with the organisation the agreement is with, and only in the "
            "fields the agreement allows. No agreement listed? One must be recorded first."
        ),
    )
    whole_household = forms.BooleanField(label=_("Share the whole household"), required=False)
    purpose = forms.CharField(
        label=_("Purpose"),
        max_length=300,
        help_text=_("Name one of the purposes of the agreement chosen; details may follow."),
    )
    expires_on = forms.DateField(label=_("Expires on"), widget=DateInput)
    field_groups = forms.MultipleChoiceField(
        label=_("Fields shared"),
        choices=FieldGroup.choices,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "checklist"}),
        help_text=_("Only the groups of fields your role reads on this record can be shared."),
    )

    def __init__(
        self, *args: Any, readable: frozenset[FieldGroup] = frozenset(), **kwargs: Any
    ) -> None:
        """Offers the groups the user reads (the default scope's among them ticked); a group
        sent that was not offered reaches the service, which refuses and logs it."""
        super().__init__(*args, **kwargs)
        field = self.fields["field_groups"]
        field.initial = sorted(group.value for group in SHARE_DEFAULT & readable)
        field.widget.choices = [(g.value, g.label) for g in FieldGroup if g in readable]


def fields_allowed(
    user: User,
    form: PersonForm,
    others: list[PersonForm],
    *,
    person: Person | None = None,
    organisation: Organisation | None = None,
) -> bool:
    """Refuse a submission carrying a field the user's role may not set (the form did not show
    it, so it was forged): the message goes on the form, the refusal into the security log,
    and nothing is saved."""
    forged = [name for each in (form, *others) for name in each.forged]
    if not forged:
        return True
    try:
        field_write_check(actor=user, fields=forged, person=person, organisation=organisation)
    except ValidationError as exc:
        form.add_error(None, exc.messages)
    return False
