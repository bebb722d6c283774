"""The pledges' API: the pledges of the user's countries, recording one, recording progress
(multipart, with an optional PDF), and a pledge's indicator as of a date."""

from __future__ import annotations

from typing import Any, ClassVar

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from qorgau.organisations.permissions import Perm
from qorgau.pledges.access import access_pledge, access_pledge_for_change
from qorgau.pledges.indicators import pledge_indicator
from qorgau.pledges.models import Area, Pledge, PledgeStatus, PledgeUpdate
from qorgau.pledges.selectors import indicator_date, pledge_list
from qorgau.pledges.services import pledge_progress_record, pledge_record
from qorgau.reference.models import Country
from qorgau.statistics.disclosure import policy_from_settings
from qorgau.web.api import ActionPermission, ApiViewSet, api_user

_ID = OpenApiParameter(
    "id", OpenApiTypes.UUID, OpenApiParameter.PATH, description="The pledge's id."
)


class SignedInReads(ActionPermission):
    """Any signed-in user reads (the gate keeps them to their countries); writes need the
    viewset's permission somewhere, and the service checks the pledge's country."""

    def has_permission(self, request: Request, view: Any) -> bool:
        action_name = getattr(view, "action", None)
        if action_name != "create" and action_name not in view.write_actions:
            return bool(request.user and request.user.is_authenticated)
        return super().has_permission(request, view)


class UpdateOutSerializer(serializers.ModelSerializer[PledgeUpdate]):
    id = serializers.UUIDField(source="public_id", read_only=True)
    has_document = serializers.SerializerMethodField()

    class Meta:
        model = PledgeUpdate
        fields = [
            "id", "occurred_on", "summary", "status_from", "status_to", "reason",
            "evidence_url", "has_document",
        ]  # fmt: skip

    def get_has_document(self, update: PledgeUpdate) -> bool:
        return bool(update.evidence_document)


class PledgeOutSerializer(serializers.ModelSerializer[Pledge]):
    id = serializers.UUIDField(source="public_id", read_only=True)
    country = serializers.CharField(source="country.iso3", read_only=True)

    class Meta:
        model = Pledge
        fields = [
            "id", "country", "area", "made_on", "status", "version",
            "title_en", "title_ru", "title_kk", "text_en", "text_ru", "text_kk",
        ]  # fmt: skip


class PledgeCreateSerializer(serializers.Serializer[Any]):
    country = serializers.SlugRelatedField(slug_field="iso3", queryset=Country.objects.all())
    area = serializers.ChoiceField(choices=Area.choices)
    made_on = serializers.DateField()
    title_en = serializers.CharField(max_length=300)
    title_ru = serializers.CharField(max_length=300)
    title_kk = serializers.CharField(max_length=300)
    text_en = serializers.CharField()
    text_ru = serializers.CharField()
    text_kk = serializers.CharField()


class ProgressSerializer(serializers.Serializer[Any]):
    version = serializers.IntegerField(min_value=0)
    occurred_on = serializers.DateField()
    summary = serializers.CharField(max_length=4000)
    status = serializers.ChoiceField(choices=PledgeStatus.choices)
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    evidence_document = serializers.FileField(required=False, allow_null=True, default=None)
    evidence_url = serializers.CharField(
        max_length=500, required=False, allow_blank=True, default=""
    )


class IndicatorQuerySerializer(serializers.Serializer[Any]):
    as_of = serializers.DateField(
        required=False,
        help_text="Any date for the country's managers; the last reference date on or before "
        "it for everyone else. Default: today.",
    )


class IndicatorSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    as_of = serializers.DateField()
    series = serializers.DictField(
        child=serializers.CharField(), help_text="Period → count, or * when suppressed."
    )
    total = serializers.CharField()
    median_days = serializers.CharField(allow_null=True)
    median_of = serializers.CharField(help_text="Cases the median is of, or * when suppressed.")


@extend_schema(tags=["pledges"])
class PledgeViewSet(ApiViewSet):
    """Global Refugee Forum pledges of the user's countries. Recorded and updated by managers
    (``factsheet.edit``) of the agency office of the pledge's country."""

    queryset = Pledge.objects.none()  # for the schema only; reads go through the gate
    serializer_class = PledgeOutSerializer
    permission_classes = [SignedInReads]
    read_perm = Perm.FACTSHEET_EDIT  # not used for reads: see SignedInReads
    create_perm = change_perm = Perm.FACTSHEET_EDIT
    write_actions: ClassVar[frozenset[str]] = ApiViewSet.write_actions | {"progress"}
    parser_classes = [JSONParser, MultiPartParser]

    def list(self, request: Request) -> Response:
        rows = pledge_list(api_user(request))
        page = self.paginate_queryset(rows)
        items = list(rows if page is None else page)
        data = PledgeOutSerializer(items, many=True).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    @extend_schema(parameters=[_ID])
    def retrieve(self, request: Request, id: str) -> Response:
        return Response(
            PledgeOutSerializer(access_pledge(user=api_user(request), public_id=id)).data
        )

    @extend_schema(request=PledgeCreateSerializer, responses={201: PledgeOutSerializer})
    def create(self, request: Request) -> Response:
        incoming = PledgeCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        pledge = pledge_record(
            actor=api_user(request),
            country=data["country"],
            area=data["area"],
            made_on=data["made_on"],
            titles={lang: data[f"title_{lang}"] for lang in ("en", "ru", "kk")},
            texts={lang: data[f"text_{lang}"] for lang in ("en", "ru", "kk")},
        )
        return Response(PledgeOutSerializer(pledge).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        parameters=[_ID],
        request={"multipart/form-data": ProgressSerializer, "application/json": ProgressSerializer},
        responses={201: UpdateOutSerializer},
    )
    @action(detail=True, methods=["post"])
    def progress(self, request: Request, id: str) -> Response:
        user = api_user(request)
        pledge = access_pledge_for_change(user=user, public_id=id)
        incoming = ProgressSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        update = pledge_progress_record(actor=user, pledge=pledge, **incoming.validated_data)
        return Response(UpdateOutSerializer(update).data, status=status.HTTP_201_CREATED)

    @extend_schema(parameters=[_ID], responses={200: UpdateOutSerializer(many=True)})
    @action(detail=True, methods=["get"])
    def updates(self, request: Request, id: str) -> Response:
        pledge = access_pledge(user=api_user(request), public_id=id)
        return Response(UpdateOutSerializer(pledge.updates.all(), many=True).data)

    @extend_schema(parameters=[_ID, IndicatorQuerySerializer], responses={200: IndicatorSerializer})
    @action(detail=True, methods=["get"])
    def indicator(self, request: Request, id: str) -> Response:
        user = api_user(request)
        pledge = access_pledge(user=user, public_id=id)
        query = IndicatorQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        as_of = indicator_date(user, pledge, query.validated_data.get("as_of"))
        found = pledge_indicator(
            area=pledge.area, country=pledge.country.iso3, made_on=pledge.made_on,
            as_of=as_of, policy=policy_from_settings(),
        )  # fmt: skip
        if found is None:
            return Response(None)
        return Response(
            {
                "code": found.code, "as_of": found.as_of, "series": found.series,
                "total": found.total, "median_days": found.median_days,
                "median_of": found.median_of,
            }
        )  # fmt: skip
