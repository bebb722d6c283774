"""A page of the public help site: one topic (``slug``) in one language, written in Markdown
by the agency office's staff, published or not, with every version kept (``history``)."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from qorgau.help.languages import HelpLanguage


class HelpPage(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    language = models.CharField(_("language"), max_length=2, choices=HelpLanguage.choices)
    slug = models.SlugField(_("address"), max_length=80)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    published = models.BooleanField(_("published"), default=False)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["language", "position", "slug"]
        verbose_name = _("help page")
        verbose_name_plural = _("help pages")
        constraints = [
            models.UniqueConstraint(fields=["language", "slug"], name="help_page_slug_once"),
        ]

    def __str__(self) -> str:
        return f"{self.language}/{self.slug}"
