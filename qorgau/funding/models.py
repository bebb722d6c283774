"""Money for the operations: what each operation requires in a year, by area; who gives
(donors); what they gave (contributions, in their own currency); and the exchange rates that
turn a contribution into US dollars (docs/adr/0049-money.md). Amounts are ``Decimal`` from
the form to the database to the figure; never a float."""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from qorgau.funding import money
from qorgau.reference.models import Country, LocalisedNameMixin


class Area(LocalisedNameMixin):
    """What a requirement is for (``refugee_protection``, ``statelessness`` …); coded data
    from ``funding/data/funding.json``, synchronised after every migration."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("area")
        verbose_name_plural = _("areas")


class Operation(LocalisedNameMixin):
    """The multi-country representation (no ``country``; ``seat`` the country it sits in) or
    one of its country offices (``parent`` the representation, ``country`` its country)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.CharField(_("code"), max_length=20, unique=True)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="offices"
    )
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    seat = models.ForeignKey(
        Country, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("operation")
        verbose_name_plural = _("operations")


class Requirement(models.Model):
    """How many US dollars an operation requires in a year for one area."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    operation = models.ForeignKey(Operation, on_delete=models.PROTECT, related_name="requirements")
    year = models.PositiveSmallIntegerField(_("year"))
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    amount_usd = models.DecimalField(_("requirement (USD)"), max_digits=16, decimal_places=2)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["year", "operation__position", "area__position"]
        verbose_name = _("requirement")
        verbose_name_plural = _("requirements")
        constraints = [
            models.UniqueConstraint(
                fields=["operation", "year", "area"], name="one_requirement_per_area"
            ),
            models.CheckConstraint(condition=Q(amount_usd__gte=0), name="requirement_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.operation.code} {self.year} {self.area.code}"


class DonorKind(models.TextChoices):
    GOVERNMENT = "government", _("Government")
    INTERGOVERNMENTAL = "intergovernmental", _("Intergovernmental (e.g. the European Union)")
    PRIVATE = "private", _("Private donors")
    POOLED = "pooled", _("UN and pooled funds")


class Donor(LocalisedNameMixin):
    """A donor: a government, the European Union, or the private donors of a country (a
    national partner such as "España con ACNUR", or individuals and companies there)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=DonorKind.choices)
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("country"),
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("donor")
        verbose_name_plural = _("donors")
        constraints = [
            models.UniqueConstraint(fields=["name_en", "kind"], name="one_donor_per_name_and_kind")
        ]


class Earmarking(models.TextChoices):
    """UNHCR's four levels, from the most flexible to the least."""

    UNEARMARKED = "unearmarked", _("Unearmarked")
    SOFTLY = "softly", _("Softly earmarked")
    EARMARKED = "earmarked", _("Earmarked")
    TIGHTLY = "tightly", _("Tightly earmarked")


FLEXIBLE = (Earmarking.UNEARMARKED, Earmarking.SOFTLY)


class Contribution(models.Model):
    """Money a donor gave for an operation's year: ``amount`` in ``currency`` (ISO 4217),
    received on ``received_on``; ``area`` when it is earmarked for one."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    donor = models.ForeignKey(
        Donor, on_delete=models.PROTECT, related_name="contributions", verbose_name=_("donor")
    )
    operation = models.ForeignKey(
        Operation,
        on_delete=models.PROTECT,
        related_name="contributions",
        verbose_name=_("operation"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    area = models.ForeignKey(
        Area, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("area"),
    )  # fmt: skip
    amount = models.DecimalField(_("amount"), max_digits=16, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3)
    received_on = models.DateField(_("date received"))
    earmarking = models.CharField(_("earmarking"), max_length=20, choices=Earmarking.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["received_on", "id"]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="contribution_positive"),
        ]
        indexes = [
            models.Index(fields=["operation", "year", "received_on"], name="contribution_as_of")
        ]

    def __str__(self) -> str:
        return f"{self.donor} {self.amount} {self.currency} {self.received_on}"


class ExchangeRate(models.Model):
    """The rate of ``currency`` from ``valid_from``: how many units of it one US dollar buys
    (the convention of the UN operational rates of exchange). Which rate counts for a
    contribution: docs/adr/0049-money.md."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    currency = models.CharField(_("currency"), max_length=3)
    valid_from = models.DateField(_("valid from"))
    units_per_usd = models.DecimalField(_("units per US dollar"), max_digits=20, decimal_places=8)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["currency", "-valid_from"]
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        constraints = [
            models.UniqueConstraint(fields=["currency", "valid_from"], name="one_rate_per_day"),
            models.CheckConstraint(condition=Q(units_per_usd__gt=0), name="rate_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.currency} {self.valid_from}: {self.units_per_usd}"

    @property
    def units(self) -> Decimal:
        """The rate as shown: without the trailing zeros of its stored decimal places."""
        return money.rate_shown(self.units_per_usd)
