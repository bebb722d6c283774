"""What the fact sheet needs besides figures: narrative blocks per country and language, and
contacts. Its funding block and donors are the funding app's records (ADR 0049)."""

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
