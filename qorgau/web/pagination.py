"""Pages of long result lists whose size is not worth counting exactly."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property


class CappedPaginator(Paginator):
    """Counts at most ``cap`` results plus one, so that a common name among a million people
    is never counted row by row: beyond the cap the page says "more than 1,000" and pages
    through the first ``cap`` results only (a longer list is narrowed by another word, never
    read page by page). The count reads ``cap + 1`` ids from the query's own plan.
    """

    def __init__(self, object_list: QuerySet[Any], per_page: int, cap: int = 1000) -> None:
        super().__init__(object_list, per_page)
        self.queryset = object_list
        self.cap = cap

    @cached_property
    def found(self) -> int:
        """Results up to the cap, plus one when there are more."""
        first = self.queryset.order_by().values("pk")[: self.cap + 1]
        return int(first.count())

    @property
    def is_capped(self) -> bool:
        return self.found > self.cap

    @cached_property
    def count(self) -> int:
        return min(self.found, self.cap)
