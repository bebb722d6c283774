from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from qorgau.people.models.base import HISTORY_UNINDEXED, RegistryRecord, source_id_unique


class Household(RegistryRecord):
    """A registration group: exactly one principal applicant and the members related to them."""

    history = HistoricalRecords(no_db_index=HISTORY_UNINDEXED)

    class Meta:
        ordering = ["registration_number"]
        verbose_name = _("household")
        verbose_name_plural = _("households")
        constraints = [source_id_unique("household_source_id_unique")]

    def __str__(self) -> str:
        return self.registration_number
