"""The legal standards' API: treaty statuses, provisions, assessments and recommendations (with
their follow-ups) of the user's countries; managers record provisions and assessments (refused
when the provision is not in force on the assessment's date). Recommendations are read-only
here: they are made and followed up on the pages."""

from __future__ import annotations

from typing import Any, ClassVar

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from qorgau.legal.access import access_provision, legal_countries
from qorgau.legal.models import (
    Alignment,
    Assessment,
    FollowUp,
    Provision,
    Recommendation,
    RecommendationStatus,
    Standard,
    TreatyStatus,
)
from qorgau.legal.services import assessment_record, provision_record
from qorgau.organisations.permissions import Perm
from qorgau.reference.models import Country
from qorgau.web.api import ActionPermission, ApiViewSet, api_user

_COUNTRY = OpenApiParameter("country", str, description="ISO3 code; default: all yours.")


class SignedInReads(ActionPermission):
    """Any signed-in user reads (the gate keeps them to their countries); writes need the
    viewset's permission somewhere, and the service checks the country."""

    def has_permission(self, request: Request, view: Any) -> bool:
        if getattr(view, "action", None) not in view.write_actions:
            return bool(request.user and request.user.is_authenticated)
        return super().has_permission(request, view)


def _countries(request: Request) -> list[str]:
    mine = legal_countries(api_user(request))
    asked = request.query_params.get("country", "")
    return [asked] if asked in mine else ([] if asked else mine)


class TreatyStatusSerializer(serializers.ModelSerializer[TreatyStatus]):
    country = serializers.CharField(source="country.iso3")
    instrument = serializers.CharField(source="instrument.code")

    class Meta:
        model = TreatyStatus
        fields = ["country", "instrument", "status", "signed_on", "party_since", "verified",
                  "source"]  # fmt: skip


class ProvisionSerializer(serializers.ModelSerializer[Provision]):
    id = serializers.UUIDField(source="public_id", read_only=True)
    country = serializers.SlugRelatedField(
        slug_field="iso3", queryset=Country.objects.all(), source="law.country"
    )
    law_title = serializers.CharField(source="law.title", max_length=400)

    class Meta:
        model = Provision
        fields = ["id", "country", "law_title", "article", "text", "in_force_from",
                  "in_force_to"]  # fmt: skip


class AssessmentSerializer(serializers.ModelSerializer[Assessment]):
    id = serializers.UUIDField(source="public_id", read_only=True)
    provision = serializers.UUIDField(source="provision.public_id")
    standard = serializers.SlugRelatedField(slug_field="code", queryset=Standard.objects.all())
    alignment = serializers.ChoiceField(choices=Alignment.choices)
    assessor = serializers.CharField(source="assessor.username", read_only=True)

    class Meta:
        model = Assessment
        fields = ["id", "provision", "standard", "alignment", "notes", "sources", "assessed_on",
                  "assessor"]  # fmt: skip


class _LegalViewSet(ApiViewSet):
    permission_classes = [SignedInReads]
    read_perm = create_perm = change_perm = Perm.FACTSHEET_EDIT
    write_actions: ClassVar[frozenset[str]] = ApiViewSet.write_actions

    def _page(self, rows: Any, serializer: Any) -> Response:
        page = self.paginate_queryset(rows)
        items = list(rows if page is None else page)
        data = serializer(items, many=True).data
        return self.get_paginated_response(data) if page is not None else Response(data)


@extend_schema(tags=["legal"])
class TreatyStatusViewSet(_LegalViewSet):
    """Each country's status under the 1951 Convention, the 1967 Protocol and the 1954 and
    1961 conventions (``verified`` false: not checked against the depositary's record)."""

    queryset = TreatyStatus.objects.none()
    serializer_class = TreatyStatusSerializer

    @extend_schema(parameters=[_COUNTRY])
    def list(self, request: Request) -> Response:
        rows = TreatyStatus.objects.filter(country__iso3__in=_countries(request)).select_related(
            "country", "instrument"
        )
        return self._page(rows, TreatyStatusSerializer)


@extend_schema(tags=["legal"])
class ProvisionViewSet(_LegalViewSet):
    """Articles of national laws with the dates they are in force."""

    queryset = Provision.objects.none()
    serializer_class = ProvisionSerializer

    @extend_schema(parameters=[_COUNTRY])
    def list(self, request: Request) -> Response:
        rows = Provision.objects.filter(law__country__iso3__in=_countries(request)).select_related(
            "law__country"
        )
        return self._page(rows, ProvisionSerializer)

    @extend_schema(request=ProvisionSerializer, responses={201: ProvisionSerializer})
    def create(self, request: Request) -> Response:
        incoming = ProvisionSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        provision = provision_record(
            actor=api_user(request), country=data["law"]["country"],
            law_title=data["law"]["title"], article=data["article"], text=data["text"],
            in_force_from=data["in_force_from"], in_force_to=data.get("in_force_to"),
        )  # fmt: skip
        return Response(ProvisionSerializer(provision).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["legal"])
class AssessmentViewSet(_LegalViewSet):
    """Assessments of provisions against standards (aligned, partly aligned, not aligned)."""

    queryset = Assessment.objects.none()
    serializer_class = AssessmentSerializer

    @extend_schema(parameters=[_COUNTRY])
    def list(self, request: Request) -> Response:
        rows = Assessment.objects.filter(
            provision__law__country__iso3__in=_countries(request)
        ).select_related("provision", "standard", "assessor")
        return self._page(rows, AssessmentSerializer)

    @extend_schema(request=AssessmentSerializer, responses={201: AssessmentSerializer})
    def create(self, request: Request) -> Response:
        incoming = AssessmentSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        user = api_user(request)
        assessment = assessment_record(
            actor=user,
            provision=access_provision(user=user, public_id=data["provision"]["public_id"]),
            standard=data["standard"], alignment=data["alignment"],
            assessed_on=data["assessed_on"], notes=data.get("notes", ""),
            sources=data.get("sources", ""),
        )  # fmt: skip
        return Response(AssessmentSerializer(assessment).data, status=status.HTTP_201_CREATED)


class FollowUpSerializer(serializers.ModelSerializer[FollowUp]):
    status = serializers.ChoiceField(source="status_to", choices=RecommendationStatus.choices)

    class Meta:
        model = FollowUp
        fields = ["occurred_on", "note", "status"]


class RecommendationSerializer(serializers.ModelSerializer[Recommendation]):
    id = serializers.UUIDField(source="public_id", read_only=True)
    country = serializers.CharField(source="assessment.provision.law.country.iso3")
    assessment = serializers.UUIDField(source="assessment.public_id")
    provision = serializers.UUIDField(source="assessment.provision.public_id")
    standard = serializers.CharField(source="assessment.standard.code")
    status = serializers.ChoiceField(choices=RecommendationStatus.choices)
    follow_ups = FollowUpSerializer(many=True)

    class Meta:
        model = Recommendation
        fields = ["id", "country", "assessment", "provision", "standard", "text", "made_on",
                  "status", "version", "follow_ups"]  # fmt: skip


@extend_schema(tags=["legal"])
class RecommendationViewSet(_LegalViewSet):
    """Recommendations made on assessments, with their follow-ups in date order (read-only)."""

    queryset = Recommendation.objects.none()
    serializer_class = RecommendationSerializer

    @extend_schema(parameters=[_COUNTRY])
    def list(self, request: Request) -> Response:
        rows = (
            Recommendation.objects.filter(
                assessment__provision__law__country__iso3__in=_countries(request)
            )
            .select_related("assessment__provision__law__country", "assessment__standard")
            .prefetch_related("follow_ups")
        )
        return self._page(rows, RecommendationSerializer)
