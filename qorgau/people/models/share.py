from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from qorgau.people.models.household import Household
from qorgau.people.models.person import Person

#: The field groups (``people.fields.FieldGroup`` values) a share grants when its granter names
#: none, and that every share made before shares carried a scope was given (ADR 0038).
SHARE_DEFAULT_GROUPS = ("contact", "household", "identity", "legal_status")


def share_default_groups() -> list[str]:
    return list(SHARE_DEFAULT_GROUPS)


class Share(models.Model):
    """Lets another organisation see one person or one whole household, under a named data
    transfer agreement, for a stated purpose, until an expiry date (inclusive), and of them
    only the groups of fields the share names (``field_groups``)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="shares_received",
        verbose_name=_("shared with"),
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, null=True, blank=True, related_name="shares"
    )
    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, null=True, blank=True, related_name="shares"
    )
    agreement = models.CharField(_("data transfer agreement"), max_length=200)
    # The agreement record the share is made under (partners.Agreement, ADR 0043); the
    # free-text reference above is then the record's. Null for shares made before records.
    agreement_record = models.ForeignKey(
        "partners.Agreement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="shares",
        verbose_name=_("agreement record"),
    )
    purpose = models.CharField(_("purpose"), max_length=300)
    expires_on = models.DateField(_("expires on"))
    #: The field groups of the person the recipient may read (``people.fields.FieldGroup``
    #: values, sorted), chosen by the granter among those they may read themselves.
    field_groups = models.JSONField(_("fields shared"), default=share_default_groups)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("share")
        verbose_name_plural = _("shares")
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False, household__isnull=True)
                | Q(person__isnull=True, household__isnull=False),
                name="share_names_person_or_household",
            )
        ]

    def __str__(self) -> str:
        return f"{self.agreement} → {self.organisation}"

    @property
    def field_group_labels(self) -> list[str]:
        """The shared groups' names in the user's language, in the groups' order (for lists)."""
        from qorgau.people.fields import FieldGroup  # fields imports the models

        return [str(group.label) for group in FieldGroup if group.value in self.field_groups]
