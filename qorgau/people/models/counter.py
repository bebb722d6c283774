from __future__ import annotations

from django.db import models


class RegistrationCounter(models.Model):
    """The last number handed out per country office, year and kind; locked while allocating so
    numbers have no gaps and no two records get the same one."""

    country = models.ForeignKey("reference.Country", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=1)
    last_value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["country", "year", "kind"], name="unique_counter")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.year}: {self.last_value}"
