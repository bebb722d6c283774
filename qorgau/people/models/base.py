"""Fields every registry record shares: public id, registration source, version, timestamps."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from qorgau.reference.models import ChoiceLabelsMixin

# Columns of a registry record that its history table need not index: history is read per
# record (by the record's id), never searched by these, and each index slows every change.
HISTORY_UNINDEXED = ["public_id", "registration_number", "country_office", "registered_by"]


class RegistryRecord(ChoiceLabelsMixin):
    """A record registered by one organisation in one country office.

    ``source_id`` is the registering organisation's own id for the record: unique per
    organisation, so re-importing a partner's list can never create a second copy.
    ``version`` grows by one on every change; a save based on an older version is refused.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    registration_number = models.CharField(_("registration number"), max_length=20, unique=True)
    country_office = models.ForeignKey(
        "reference.Country",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("country office"),
    )
    registered_by = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("registered by"),
    )
    source_id = models.CharField(_("registering organisation's id"), max_length=64, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


def source_id_unique(name: str) -> models.UniqueConstraint:
    return models.UniqueConstraint(
        fields=["registered_by", "source_id"],
        condition=~models.Q(source_id=""),
        name=name,
    )
