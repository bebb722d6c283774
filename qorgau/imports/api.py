"""Import runs on the API: the runs of the user's organisations (read only; a run is made by
``qorgau import`` or the web pages)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from qorgau.imports.access import access_run
from qorgau.imports.models import ImportRun
from qorgau.imports.selectors import import_runs
from qorgau.organisations.permissions import Perm
from qorgau.web.api import ApiViewSet, api_user


class ImportRunSerializer(serializers.ModelSerializer[ImportRun]):
    id = serializers.UUIDField(source="public_id", read_only=True)
    organisation = serializers.CharField(source="organisation.code", read_only=True)
    started_by = serializers.CharField(source="started_by.username", read_only=True)
    # A plain string: an enum named "state" would collide with others in the schema.
    state = serializers.CharField(
        read_only=True, help_text="running, done, checked (dry run), refused, failed"
    )

    class Meta:
        model = ImportRun
        fields = [
            "id", "organisation", "started_by", "file_name", "sha256", "mapping_name",
            "dry_run", "skip_invalid", "state", "rows", "created", "updated", "unchanged",
            "invalid", "held", "error_code", "started_at", "finished_at",
        ]  # fmt: skip
        read_only_fields = fields


@extend_schema(tags=["imports"])
class ImportRunViewSet(ApiViewSet):
    """The import runs of the organisations where the user registers people, newest first:
    who, when, which file (name and SHA-256), which mapping, what came of its rows."""

    queryset = ImportRun.objects.none()  # for the schema only; reads go through the gate
    serializer_class = ImportRunSerializer
    read_perm = Perm.PERSON_CREATE

    def list(self, request: Request) -> Response:
        rows = import_runs(api_user(request))
        page = self.paginate_queryset(rows)
        items: Any = rows if page is None else page
        data = ImportRunSerializer(items, many=True).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    @extend_schema(
        parameters=[
            OpenApiParameter("id", OpenApiTypes.UUID, OpenApiParameter.PATH, description="The run.")
        ]
    )
    def retrieve(self, request: Request, id: str) -> Response:
        run = access_run(user=api_user(request), public_id=id)
        return Response(ImportRunSerializer(run).data)
