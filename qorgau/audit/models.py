"""The read-access log. Changes are kept by django-simple-history; reads are kept here."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    WEB = "web", _("Web page")
    API = "api", _("API")
    EXPORT = "export", _("Export")


class AccessLog(models.Model):
    """One row per record read: who, what, when, through which channel, from which address."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    channel = models.CharField(max_length=10, choices=Channel.choices)
    action = models.CharField(max_length=20)
    object_type = models.CharField(max_length=30)
    object_id = models.UUIDField()
    path = models.CharField(max_length=300, blank=True)
    address = models.GenericIPAddressField(null=True, blank=True)
    # The time of the read, set by the caller (rows may be written up to a second later).
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        indexes = [models.Index(fields=["object_type", "object_id", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.action} {self.object_type}"


class SecurityEvent(models.Model):
    """The security log: one row per change of who may see a record, per refused attempt, and
    per sign-in event (log-in, failure, lock-out, two-factor changes). Written by the service
    that decides, a refusal in its own transaction so that it is kept although nothing else is
    stored. ``detail`` holds codes and ids, never personal data or secrets."""

    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        verbose_name=_("user"),
    )
    event = models.CharField(_("event"), max_length=30)
    # Empty for events about no record (a log-in, a lock-out).
    object_type = models.CharField(_("record type"), max_length=30, blank=True)
    object_id = models.UUIDField(_("record id"), null=True, blank=True)
    address = models.GenericIPAddressField(_("network address"), null=True, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("security log entry")
        verbose_name_plural = _("security log")
        indexes = [models.Index(fields=["object_type", "object_id", "at"])]

    def __str__(self) -> str:
        at = timezone.localtime(self.at)  # as the admin shows the time, in the local zone
        return f"{at:%Y-%m-%d %H:%M} {self.user} {self.event} {self.object_type}"
