"""List exports on the API: ask for one, follow it, download it (the requester only)."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import BaseThrottle
from rest_framework.views import APIView

from qorgau.errors import NotAllowed
from qorgau.exports.access import access_export
from qorgau.exports.columns import BY_KEY
from qorgau.exports.models import Export, ExportFormat
from qorgau.exports.selectors import exports_of
from qorgau.exports.services import export_file, export_request
from qorgau.exports.tasks import export_start
from qorgau.exports.views import CONTENT_TYPES
from qorgau.organisations.permissions import Perm
from qorgau.organisations.selectors import user_has_perm_somewhere
from qorgau.people.lists import PERSON_FILTERS
from qorgau.web.api import api_user
from qorgau.web.throttles import ExportRateThrottle


class ExportRequestSerializer(serializers.Serializer[Any]):
    format = serializers.ChoiceField(choices=ExportFormat.choices)
    columns = serializers.ListField(
        child=serializers.ChoiceField(choices=sorted(BY_KEY)), allow_empty=True
    )
    filters = serializers.DictField(
        child=serializers.CharField(allow_blank=True, max_length=20),
        required=False,
        help_text=f"Any of {', '.join(PERSON_FILTERS)}.",
    )
    q = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=200,
        help_text="A search, as on the search page: the export then holds exactly the people "
        "it finds (with the filters), at most as many as the page lists.",
    )


class ExportSerializer(serializers.ModelSerializer[Export]):
    id = serializers.UUIDField(source="public_id", read_only=True)
    # Plain strings: an enum named "status" here would collide with the cases' in the schema.
    status = serializers.CharField(read_only=True, help_text="queued, running, done, failed")
    progress = serializers.IntegerField(read_only=True)
    download = serializers.SerializerMethodField()

    class Meta:
        model = Export
        fields = [
            "id", "format", "fields", "filters", "status", "total", "done", "progress",
            "created_at", "expires_at", "download",
        ]  # fmt: skip
        read_only_fields = fields

    def get_download(self, export: Export) -> str | None:
        if export.status != "done":
            return None
        return reverse("api-export-download", args=[export.public_id])


def _user(request: Request) -> Any:
    user = api_user(request)
    if not user_has_perm_somewhere(user, Perm.PERSON_VIEW):
        raise NotAllowed
    return user


class ExportsView(APIView):
    """The user's exports (GET), or a new one (POST, counted in the ``exports`` rate): built at
    once for a small list, else by the task worker; follow it at its ``id``."""

    def get_throttles(self) -> list[BaseThrottle]:
        extra = [ExportRateThrottle()] if self.request.method == "POST" else []
        return [*super().get_throttles(), *extra]

    @extend_schema(tags=["exports"], responses={200: ExportSerializer(many=True)})
    def get(self, request: Request) -> Response:
        return Response(ExportSerializer(exports_of(_user(request)), many=True).data)

    @extend_schema(
        tags=["exports"], request=ExportRequestSerializer, responses={202: ExportSerializer}
    )
    def post(self, request: Request) -> Response:
        user = _user(request)
        asked = ExportRequestSerializer(data=request.data)
        asked.is_valid(raise_exception=True)
        export = export_request(
            actor=user,
            format=asked.validated_data["format"],
            fields=asked.validated_data["columns"],
            filters=asked.validated_data.get("filters") or {},
            query=asked.validated_data.get("q") or "",
            address=request.META.get("REMOTE_ADDR"),
        )
        export_start(export)
        export.refresh_from_db()
        return Response(ExportSerializer(export).data, status=status.HTTP_202_ACCEPTED)


class ExportView(APIView):
    @extend_schema(tags=["exports"], responses={200: ExportSerializer})
    def get(self, request: Request, **route: str) -> Response:
        export = access_export(user=_user(request), public_id=route["id"])
        return Response(ExportSerializer(export).data)


class ExportDownloadView(APIView):
    """The file, for its requester only (404 for anyone else, and once expired)."""

    throttle_classes = [*APIView.throttle_classes, ExportRateThrottle]

    @extend_schema(tags=["exports"], responses={200: OpenApiTypes.BINARY})
    def get(self, request: Request, **route: str) -> HttpResponse:
        user = _user(request)
        export = access_export(user=user, public_id=route["id"])
        data = export_file(actor=user, export=export, address=request.META.get("REMOTE_ADDR"))
        response = HttpResponse(data, content_type=CONTENT_TYPES[ExportFormat(export.format)])
        response["Content-Disposition"] = f'attachment; filename="{export.file_name}"'
        return response
