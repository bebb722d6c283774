"""What the fact sheet needs besides figures: narrative blocks per country and language,
funding (a minimal table until the funding model exists), contacts and donors."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from qorgau.reference.models import Country

LANGUAGES = [("en", _("English")), ("ru", _("Russian")), ("kk", _("Kazakh"))]


class Block(models.TextChoices):
    MISSION_PROTECT = "mission_protect", _("Mission: protection and local integration")
    MISSION_STATELESSNESS = "mission_statelessness", _("Mission: statelessness")
    MISSION_STANDARDS = "mission_standards", _("Mission: international standards")
    STORY = "story", _("Story beside the photo")
    REFUGEES = "refugees", _("Protecting refugees")
    STATELESSNESS = "statelessness", _("Ending statelessness")
    PARTNERS = "partners", _("Working with partners")
    HOTLINE = "hotline", _("Hotlines and help")


class FactSheetText(models.Model):
    """A narrative block of a country's fact sheet in one language, edited by managers.
    Paragraphs are separated by blank lines; ``{refugees_and_asylum_seekers}``,
    ``{stateless}``, ``{citizenship_acquired}`` and ``{citizenship_acquired_thousands}`` are
    replaced by the figures of the date asked for."""

    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="+")
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGES)
    block = models.CharField(_("block"), max_length=30, choices=Block.choices)
    text = models.TextField(_("text"))
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["country__iso3", "language", "block"]
        verbose_name = _("fact sheet text")
        verbose_name_plural = _("fact sheet texts")
        constraints = [
            models.UniqueConstraint(
                fields=["country", "language", "block"], name="one_fact_sheet_text_per_block"
            )
        ]

    def __str__(self) -> str:
        return f"{self.country_id} {self.language} {self.block}"


class Funding(models.Model):
    """How much an operation requires in a year and how much of it is funded on a date."""

    operation = models.CharField(_("operation"), max_length=200)
    countries = models.ManyToManyField(Country, related_name="+", verbose_name=_("countries"))
    year = models.PositiveSmallIntegerField(_("year"))
    required_usd = models.DecimalField(_("requirement (USD)"), max_digits=14, decimal_places=0)
    funded_percent = models.PositiveSmallIntegerField(_("funded (%)"))
    as_of = models.DateField(_("funded as of"))

    class Meta:
        ordering = ["-as_of"]
        verbose_name = _("funding")
        verbose_name_plural = _("funding")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(funded_percent__lte=100), name="funded_at_most_100_percent"
            )
        ]

    def __str__(self) -> str:
        return f"{self.operation} {self.year}: {self.funded_percent}% ({self.as_of})"


class Contact(models.Model):
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_ru = models.CharField(_("title (Russian)"), max_length=200)
    title_kk = models.CharField(_("title (Kazakh)"), max_length=200)
    email = models.EmailField(_("email"))
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["country__iso3", "order"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self) -> str:
        return self.name


class Donor(models.Model):
    """A donor thanked on a country's fact sheet; ``private``: private donors' line."""

    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="+")
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_ru = models.CharField(_("name (Russian)"), max_length=200)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=200)
    private = models.BooleanField(_("private donor"), default=False)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["country__iso3", "private", "order"]
        verbose_name = _("donor")
        verbose_name_plural = _("donors")

    def __str__(self) -> str:
        return self.name_en
