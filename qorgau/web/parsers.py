"""The API's parsers. Their own module: ``api_errors`` is imported while DRF reads its settings,
which import the parsers named there."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError

NESTED_TOO_DEEP = _("The JSON body is nested too deeply.")


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, with a body nested thousands deep answered 400 (Python's parser runs
    out of stack, a RecursionError: a server error before, issue 14)."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError as exc:
            raise ParseError(NESTED_TOO_DEEP) from exc
