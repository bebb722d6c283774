"""Statistics API: the release of a country as of a date, as JSON or a CSV/XLSX download."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.parsers import BaseParser
from rest_framework.renderers import BaseRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from qorgau.errors import NotAllowed
from qorgau.organisations.permissions import Perm
from qorgau.organisations.selectors import user_has_perm_somewhere
from qorgau.statistics import errors
from qorgau.statistics.access import access_statistics, daily_figures
from qorgau.statistics.cached import figures_cached
from qorgau.statistics.disclosure import policy_from_settings
from qorgau.statistics.document import document
from qorgau.statistics.errors import StatisticsInputError
from qorgau.statistics.inputs import FORMATS, choice_check, country_check, figures_request
from qorgau.statistics.render import CONTENT_TYPES, filename, render
from qorgau.statistics.tables import release
from qorgau.web.api import api_user
from qorgau.web.security_log import export_record
from qorgau.web.throttles import ExportRateThrottle


class _JsonOnly(BaseContentNegotiation):
    """``format`` names the download here (json, csv, xlsx), not a DRF renderer."""

    def select_parser(self, request: Request, parsers: Iterable[BaseParser]) -> BaseParser | None:
        return next(iter(parsers), None)

    def select_renderer(
        self, request: Request, renderers: Iterable[BaseRenderer], format_suffix: str | None = None
    ) -> tuple[BaseRenderer, str]:
        renderer = next(iter(renderers))
        return renderer, renderer.media_type


class FiguresView(APIView):
    """Figures of one country office as of a date (stocks from the status history,
    acquisitions of citizenship since ``since``), with disclosure control: suppressed counts
    are ``"*"``. The same document as ``qorgau stats``. Only the agency office's managers may
    ask for any day; everyone else for reference dates only (ADR 0036)."""

    content_negotiation_class = _JsonOnly
    # An export: the stricter ``exports`` rate on top of the user's general one.
    throttle_classes = [*APIView.throttle_classes, ExportRateThrottle]

    @extend_schema(
        tags=["statistics"],
        parameters=[
            OpenApiParameter("country", str, required=True, description="ISO3, e.g. KAZ"),
            OpenApiParameter(
                "as_of",
                OpenApiTypes.DATE,
                required=True,
                description="A reference date (the first day of a month, see "
                "QORGAU_STATISTICS_REFERENCE_MONTHS) unless the user manages the agency's "
                "office of the country; another date is a 400.",
            ),
            OpenApiParameter(
                "since",
                OpenApiTypes.DATE,
                description="Default 2014-01-01; a reference date too, as as_of.",
            ),
            OpenApiParameter("format", str, enum=list(FORMATS), description="Default json"),
        ],
        responses={200: OpenApiTypes.OBJECT, 400: OpenApiTypes.OBJECT},
    )
    def get(self, request: Request) -> Response | HttpResponse:
        if not user_has_perm_somewhere(request.user, Perm.STATISTICS_VIEW):
            raise NotAllowed
        params = request.query_params
        try:
            format = choice_check(params.get("format", "json"), FORMATS, errors.BAD_FORMAT)
            country = country_check(params.get("country", ""))
            access_statistics(request.user, country)
            wanted = figures_request(
                country=country, as_of=params.get("as_of", ""), since=params.get("since"),
                daily=daily_figures(request.user, country),
            )  # fmt: skip
        except StatisticsInputError as exc:
            return Response({"detail": exc.message, "code": exc.code}, status=400)
        result = release(
            figures_cached(country=wanted.country, as_of=wanted.as_of, since=wanted.since),
            policy_from_settings(),
        )
        export_record(
            request._request,
            api_user(request),
            "figures",
            format=format,
            country=wanted.country,
            as_of=str(wanted.as_of),
        )
        if format == "json":
            return Response(document(result))
        response = HttpResponse(render(result, format), content_type=CONTENT_TYPES[format])
        response["Content-Disposition"] = f'attachment; filename="{filename(result, format)}"'
        return response
