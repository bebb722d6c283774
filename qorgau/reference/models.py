"""Reference data shipped with Qorgau: countries, regions, specific-needs codes.

Rows are synchronised from the data files in ``reference/data`` after every migration, so a new
database always has them and an update of the files reaches existing databases.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.encoding import force_str
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

# Each choice field's labels by value, built once per process (see ``ChoiceLabelsMixin``).
_CHOICE_LABELS: dict[models.Field[Any, Any], dict[Any, Any]] = {}


class ChoiceLabelsMixin(models.Model):
    """``get_<field>_display()`` from labels built once per field and kept lazy, so that each
    call translates one label into the active language: Django rebuilds the whole choice list,
    translating every label, on each call, and a page of search results shows two such labels
    for each of 25 people, a page of reminders one for each of 50 (issue 12)."""

    class Meta:
        abstract = True

    def _get_FIELD_display(self, field: models.Field[Any, Any]) -> str:
        labels = _CHOICE_LABELS.get(field)
        if labels is None:
            labels = _CHOICE_LABELS[field] = dict(field.flatchoices)
        value = getattr(self, field.attname)
        return force_str(labels.get(value, value), strings_only=True)


class LocalisedNameMixin(models.Model):
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_ru = models.CharField(_("name (Russian)"), max_length=200)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=200)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """The name in the active interface language, English when that one is empty."""
        language = (get_language() or "en")[:2]
        return str(getattr(self, f"name_{language}", "") or self.name_en)


class Country(LocalisedNameMixin):
    iso3 = models.CharField(_("ISO 3166-1 alpha-3"), max_length=3, unique=True)
    iso2 = models.CharField(_("ISO 3166-1 alpha-2"), max_length=2, unique=True)
    unhcr_code = models.CharField(_("UNHCR code"), max_length=3, unique=True)

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")


class Region(LocalisedNameMixin):
    """A first-level subdivision (ISO 3166-2), with Kazakhstan's KATO code."""

    code = models.CharField(_("ISO 3166-2 code"), max_length=6, unique=True)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="regions")
    kato = models.CharField(_("KATO code"), max_length=9, blank=True)

    class Meta:
        ordering = ["country__iso3", "name_en"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")


class SpecificNeed(LocalisedNameMixin):
    """A UNHCR specific-needs code (category such as ``SM`` or sub-code such as ``SM-CI``)."""

    code = models.CharField(_("code"), max_length=5, unique=True)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("specific need")
        verbose_name_plural = _("specific needs")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"
