"""Organisations, their users and the roles users hold in them."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from qorgau.organisations.permissions import Role
from qorgau.reference.models import Country


class OrganisationType(models.TextChoices):
    UN_AGENCY = "un_agency", _("UN agency")
    GOVERNMENT = "government", _("Government body")
    NGO = "ngo", _("Non-governmental organisation")
    ACADEMIA = "academia", _("Academia")
    PRIVATE = "private", _("Private sector")


class Organisation(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.SlugField(_("short code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=200, blank=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=200, blank=True)
    type = models.CharField(_("type"), max_length=20, choices=OrganisationType.choices)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, verbose_name=_("country"))
    is_operating_agency = models.BooleanField(
        _("operating agency office"),
        default=False,
        help_text=_(
            "The protection agency's own office: its staff see every record of its country."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(is_operating_agency=True) | models.Q(type="un_agency"),
                name="operating_agency_is_un_agency",
            )
        ]

    def __str__(self) -> str:
        return self.local_name

    @property
    def local_name(self) -> str:
        """The name in the interface's language where one is recorded, else the main name."""
        language = (get_language() or "en").split("-")[0]
        return str(getattr(self, f"name_{language}", "") or self.name)


class User(AbstractUser):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta(AbstractUser.Meta):
        ordering = ["username"]

    def save(self, *args: Any, **kwargs: Any) -> None:
        """A new password, however it is set (the user's own page, the admin, a command), ends
        every session of the user and revokes their API tokens (issue 14)."""
        password_changed = getattr(self, "_password", None) is not None and not self._state.adding
        super().save(*args, **kwargs)
        if password_changed:
            from qorgau.organisations.services import user_sessions_end

            user_sessions_end(user=self, reason="password_changed")


class UserSession(models.Model):
    """Which user a session belongs to, recorded at log-in: ending all of a user's sessions
    then needs no scan of the whole session table."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="sessions")
    session_key = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.user} {self.created_at:%Y-%m-%d %H:%M}"


class Membership(models.Model):
    """A user's role in one organisation; a user may belong to several. Granted, changed and
    revoked only through ``qorgau.members.services`` (ADR 0029), which keep every change in
    the history below and in the security log."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation__name", "role"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="unique_membership_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.organisation} · {self.get_role_display()}"
