from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models
from django.db.models import Lookup, Q
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField
from simple_history.models import HistoricalRecords

from qorgau.people.models.base import (
    HISTORY_UNINDEXED,
    RegistryRecord,
    source_id_unique,
)
from qorgau.people.models.choices import (
    AliasKind,
    CitizenshipStatus,
    DatePrecision,
    Relationship,
    Sex,
)
from qorgau.people.models.household import Household
from qorgau.reference.models import ChoiceLabelsMixin


class Person(RegistryRecord):
    # Names as entered (any script) and their Latin form from qorgau.names.
    family_name = models.CharField(_("family name"), max_length=100, blank=True)
    given_name = models.CharField(_("given name"), max_length=100)
    patronymic = models.CharField(_("patronymic or father's name"), max_length=100, blank=True)
    family_name_latin = models.CharField(max_length=150, blank=True, editable=False)
    given_name_latin = models.CharField(max_length=150, editable=False)
    patronymic_latin = models.CharField(max_length=150, blank=True, editable=False)

    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices)
    # A date of birth with its precision: an unknown day or month stays unknown (null).
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    birth_month = models.PositiveSmallIntegerField(_("month of birth"), null=True, blank=True)
    birth_day = models.PositiveSmallIntegerField(_("day of birth"), null=True, blank=True)
    birth_precision = models.CharField(
        _("precision of the date of birth"),
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.UNKNOWN,
    )
    birth_country = models.ForeignKey(
        "reference.Country",
        on_delete=models.PROTECT,
        db_index=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("country of birth"),
    )
    birth_place = models.CharField(_("place of birth"), max_length=200, blank=True)

    citizenship_status = models.CharField(
        _("citizenship"), max_length=15, choices=CitizenshipStatus.choices
    )
    citizenship_country = models.ForeignKey(
        "reference.Country",
        on_delete=models.PROTECT,
        db_index=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("country of citizenship"),
    )
    origin_country = models.ForeignKey(
        "reference.Country",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("country of origin"),
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    region = models.ForeignKey(
        "reference.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("region"),
    )

    household = models.ForeignKey(
        Household,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("household"),
    )
    relationship = models.CharField(
        _("relationship to the principal applicant"),
        max_length=20,
        choices=Relationship.choices,
        blank=True,
    )
    # Identity resolution: a record found to be the same person as another stays, with all
    # its history, and points to the one that represents the person (undone by clearing it).
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_records",
        verbose_name=_("merged into"),
    )

    history = HistoricalRecords(
        no_db_index=[
            *HISTORY_UNINDEXED,
            "birth_country",
            "citizenship_country",
            "origin_country",
            "region",
            "household",
            "merged_into",
        ]
    )

    class Meta:
        ordering = ["registration_number"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            source_id_unique("person_source_id_unique"),
            models.UniqueConstraint(
                fields=["household"],
                condition=Q(relationship="principal"),
                name="one_principal_applicant_per_household",
            ),
            models.CheckConstraint(
                condition=(Q(household__isnull=True) & Q(relationship=""))
                | (Q(household__isnull=False) & ~Q(relationship="")),
                name="household_member_has_relationship",
            ),
            models.CheckConstraint(
                condition=(
                    Q(
                        birth_precision="exact",
                        birth_year__isnull=False,
                        birth_month__isnull=False,
                        birth_day__isnull=False,
                    )
                    | Q(
                        birth_precision="month",
                        birth_year__isnull=False,
                        birth_month__isnull=False,
                        birth_day__isnull=True,
                    )
                    | Q(
                        birth_precision__in=["year", "estimated"],
                        birth_year__isnull=False,
                        birth_month__isnull=True,
                        birth_day__isnull=True,
                    )
                    | Q(
                        birth_precision="unknown",
                        birth_year__isnull=True,
                        birth_month__isnull=True,
                        birth_day__isnull=True,
                    )
                ),
                name="birth_date_matches_precision",
            ),
            models.CheckConstraint(
                condition=Q(
                    citizenship_status__in=["citizen", "claimed"], citizenship_country__isnull=False
                )
                | Q(
                    citizenship_status__in=["stateless", "undetermined"],
                    citizenship_country__isnull=True,
                ),
                name="citizenship_country_matches_status",
            ),
        ]
        indexes = [models.Index(fields=["country_office", "registered_by"])]

    def __str__(self) -> str:
        return f"{self.registration_number} {self.display_name}"

    @property
    def display_name(self) -> str:
        return " ".join(p for p in (self.family_name, self.given_name, self.patronymic) if p)

    @property
    def latin_name(self) -> str:
        parts = (self.family_name_latin, self.given_name_latin, self.patronymic_latin)
        return " ".join(p for p in parts if p)


class PersonAlias(ChoiceLabelsMixin):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")
    kind = models.CharField(_("kind"), max_length=10, choices=AliasKind.choices)
    family_name = models.CharField(_("family name"), max_length=100, blank=True)
    given_name = models.CharField(_("given name"), max_length=100, blank=True)
    patronymic = models.CharField(_("patronymic or father's name"), max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]
        verbose_name = _("alias")
        verbose_name_plural = _("aliases")

    def __str__(self) -> str:
        return " ".join(p for p in (self.family_name, self.given_name, self.patronymic) if p)


class PersonNameKey(models.Model):
    """Script-independent search keys (``qorgau.names.fold``) of a person's names and aliases."""

    # No index of its own: the unique (person, key) index serves look-ups by person, and one
    # index fewer on three rows a person makes bulk loads faster.
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="name_keys", db_index=False
    )
    key = models.CharField(max_length=150)
    # Every key of the person, each with a space before and after (" bakitov nurlan "), on each
    # of their key rows, so that a search of several words checks the other words on the row it
    # walks, from the index alone (ADR 0014); empty when they would not fit, and then a search
    # looks the person's keys up instead. Written by ``name_keys_row_words``.
    words = models.CharField(max_length=1000, default="", blank=True)
    # The person's registering organisation (which never changes), so that a user who sees only
    # their organisation's people walks their keys alone (``name_key_registrant``, ADR 0014).
    registered_by = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+", db_index=False
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "key"], name="unique_name_key")]
        # The person is in the index so that the people with a key are read from it alone, in
        # the order a search lists them (key, then person: ADR 0014), with their other words.
        # Prefix look-ups are key ranges (``KeyPrefix``), which a plain index serves on every
        # database.
        indexes = [
            models.Index(fields=["key", "person", "words"], name="name_key_person"),
            models.Index(
                fields=["registered_by", "key", "person", "words"], name="name_key_registrant"
            ),
        ]

    def __str__(self) -> str:
        return self.key


class KeyPrefix(Lookup[str]):
    """``key__prefix="seitk"``: keys that begin with the value, as a range the (key, person)
    index serves on every database: ``key >= 'seitk' AND key < 'seitl'``.

    Django's ``startswith`` is a ``LIKE … ESCAPE``: SQLite treats it as case-insensitive and
    so cannot serve it from an index, and PostgreSQL serves it only from a pattern operator
    class, whose order is not the one a search walks the keys in. Folded keys are lower-case
    a-z only, which every collation orders alike, so the range holds exactly the keys that
    begin with the value.
    """

    lookup_name = "prefix"
    prepare_rhs = False

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, tuple[Any, ...]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        value = str(self.rhs)
        # The first a-z word after every word that begins with the value ("seitl" after
        # "seitk…", "seu" after "seitz…"): never a character outside a-z, which a collation
        # might order differently from its code.
        stem = value.rstrip("z")
        if not stem:
            return f"{lhs} >= %s", (*lhs_params, value)
        after = stem[:-1] + chr(ord(stem[-1]) + 1)
        return f"({lhs} >= %s AND {lhs} < %s)", (*lhs_params, value, *lhs_params, after)


PersonNameKey._meta.get_field("key").register_lookup(KeyPrefix)

#: The longest ``PersonNameKey.words`` kept (a whole index row must stay under PostgreSQL's
#: limit of about 2,700 bytes).
WORDS_MAX = PersonNameKey._meta.get_field("words").max_length or 0


def name_keys_row_words(keys: Iterable[str]) -> str:
    """``PersonNameKey.words`` for a person with these keys: each key between spaces, or empty
    when they would not fit (a search then looks the person's keys up one by one)."""
    words = " " + " ".join(sorted(set(keys))) + " "
    return words if len(words) <= WORDS_MAX else ""


class PhoneNumber(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="phones")
    # Indexed: a search by phone number looks the number up exactly.
    number = PhoneNumberField(_("phone number"), db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(no_db_index=["number"])

    class Meta:
        ordering = ["id"]
        verbose_name = _("phone number")
        verbose_name_plural = _("phone numbers")

    def __str__(self) -> str:
        return str(self.number)


class PersonNeed(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="needs")
    need = models.ForeignKey("reference.SpecificNeed", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(no_db_index=["need"])

    class Meta:
        ordering = ["need__code"]
        verbose_name = _("specific need")
        verbose_name_plural = _("specific needs")
        constraints = [
            models.UniqueConstraint(fields=["person", "need"], name="unique_person_need")
        ]

    def __str__(self) -> str:
        return str(self.need)
