"""Pages of long result lists whose size is not worth counting exactly."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.paginator import Paginator
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.response import Response


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


class CappedLimitOffsetPagination(LimitOffsetPagination):
    """The API's pages of a list that may have stopped at a cap: ``count`` is what was listed
    and ``more`` says whether more records match than were listed (a search lists at most the
    first 1,000 people it finds)."""

    more = False

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
