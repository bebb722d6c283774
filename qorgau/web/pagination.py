"""Pages of long result lists whose size is not worth counting exactly."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, QuerySet
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.request import Request
from rest_framework.response import Response

# Above this a limit or an offset is refused: their sum must fit a 64-bit integer, the largest
# either database takes in LIMIT/OFFSET (2**63 was a server error on both, issue 14).
LARGEST_POSITION = 2**62
POSITION_TOO_LARGE = _("Must be a whole number no larger than %(largest)s.")


class CappedPaginator(Paginator):
    """Pages through the first results of a look-up that stopped at ``cap``, so that a common
    name among a million people is never counted row by row: with ``more`` the page says
    "more than 1,000" and pages through the first ``cap`` results only (a longer list is
    narrowed by another word, never read page by page).
    """

    def __init__(
        self, object_list: Sequence[Any], per_page: int, *, cap: int, more: bool = False
    ) -> None:
        super().__init__(list(object_list[:cap]), per_page)
        self.cap = cap
        self.is_capped = more or len(object_list) > cap


class LateRowsPaginator(Paginator):
    """Pages a list in two steps: the page's ids, sorted on the list's own table with no join,
    then those rows with ``related`` joined. A plan that joins the related records of every row
    before sorting them cannot happen (PostgreSQL chose one for the 36,650 open reminders of a
    country at a million people: 0.7 s for a page of 50).

    The rows are read by those ids alone: the ids passed the list's filter (its access gate),
    which is not asked again (with its visibility subqueries, PostgreSQL took 10-17 ms to plan
    a statement it ran in 2). Records only some rows name are read by ``prefetch``, a
    statement each and none when no row names one, rather than joined: joining a dozen
    optional tables made the planner weigh their orders for 6 ms. ``only`` names the columns
    the page shows, where a list shows a few of each related record's.

    With ``cap``, the list is counted no further than ``cap`` rows past the page asked for, so
    that a country's 36,000 open reminders are never counted row by row (issue 12): the page's
    ids and the next ``cap`` are read in one statement, which counts them. ``is_capped`` then
    says there are more pages than ``num_pages``, and the next page counts further on."""

    def __init__(
        self,
        object_list: QuerySet[Any],
        per_page: int,
        *,
        related: tuple[str, ...],
        prefetch: tuple[str | Prefetch[Any], ...] = (),
        only: tuple[str, ...] = (),
        cap: int | None = None,
    ) -> None:
        super().__init__(object_list, per_page)
        self.queryset = object_list
        self.related = related
        self.prefetch = prefetch
        self.only = only
        self.reach: int | None = None  # rows counted at the most (past the last page)
        self.cap = cap
        self.is_capped = False

    def get_page(self, number: Any) -> Page:
        if self.cap is None:
            return super().get_page(number)
        try:
            asked = int(number)
        except (TypeError, ValueError):
            asked = 1
        # Page 0 or below: the first page (Django gives its last page, which a list counted no
        # further than the cap cannot know: the last page counted would offer no "next").
        asked = max(asked, 1)
        bottom = min((asked - 1) * self.per_page, LARGEST_POSITION)
        # The page's ids and up to ``cap`` more, in one statement: they count the list as far.
        reach = self.per_page + self.cap
        ids = list(self.queryset.values_list("pk", flat=True)[bottom : bottom + reach + 1])
        if not ids and bottom:
            # Past the end: the last page, as Django gives it, counted no further than here.
            self.reach = bottom
            return super().get_page(number)
        self.is_capped = len(ids) > reach
        self.__dict__["count"] = bottom + min(len(ids), reach)
        return self._page_of(ids[: self.per_page], asked)

    @cached_property
    def count(self) -> int:
        if self.reach is None:
            return int(super().count)
        counted = self.queryset.order_by()[: self.reach + 1].count()
        self.is_capped = counted > self.reach
        return min(counted, self.reach)

    def page(self, number: Any) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        ids = list(self.queryset.values_list("pk", flat=True)[bottom : bottom + self.per_page])
        return self._page_of(ids, number)

    def _page_of(self, ids: list[Any], number: int) -> Page:
        rows = self.queryset.model._default_manager.filter(pk__in=ids).order_by()
        rows = rows.select_related(*self.related).prefetch_related(*self.prefetch)
        found = {row.pk: row for row in (rows.only(*self.only) if self.only else rows)}
        return Page([found[pk] for pk in ids if pk in found], number, self)


class BoundedLimitOffsetPagination(LimitOffsetPagination):
    """DRF's limit and offset, with a number too large for the database refused (400 naming the
    parameter) instead of failing in the database; a negative or unreadable one still falls back
    to the default, as DRF does."""

    def _refuse_too_large(self, request: Request, param: str) -> None:
        raw = request.query_params.get(param, "")
        try:
            value = int(raw)
        except ValueError:
            return
        if value > LARGEST_POSITION:
            raise ValidationError({param: [POSITION_TOO_LARGE % {"largest": LARGEST_POSITION}]})

    def get_limit(self, request: Request) -> int | None:
        self._refuse_too_large(request, self.limit_query_param)
        return super().get_limit(request)

    def get_offset(self, request: Request) -> int:
        self._refuse_too_large(request, self.offset_query_param)
        return super().get_offset(request)


class CappedLimitOffsetPagination(BoundedLimitOffsetPagination):
    """The API's pages of every list, never longer than ``API_MAX_PAGE_SIZE``: a larger
    ``limit`` is cut to it, so no request reads the whole registry at once. ``count`` is what
    was listed and ``more`` says whether more records match than were listed (a search lists at
    most the first 1,000 people it finds)."""

    more = False

    @property
    def max_limit(self) -> int:  # type: ignore[override]
        """Read at each request, so that the setting (and a test's override) takes effect."""
        return int(settings.API_MAX_PAGE_SIZE)

    def get_limit(self, request: Any) -> int | None:
        limit = super().get_limit(request)
        return None if limit is None else min(limit, self.max_limit)

    def get_paginated_response(self, data: Any) -> Response:
        response = super().get_paginated_response(data)
        response.data["more"] = self.more
        return response

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        paginated = super().get_paginated_response_schema(schema)
        paginated["properties"]["more"] = {
            "type": "boolean",
            "description": "More records match than are listed: narrow the search.",
        }
        return paginated
