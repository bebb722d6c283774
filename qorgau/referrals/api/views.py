"""The referrals' API: the user's referrals (both boxes, or one, with the boxes' filters),
one referral with its history, creating a draft, taking a step, and a protection officer's
approval of a consent override. The same gates and services as the pages."""

from __future__ import annotations

from typing import Any, ClassVar

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from qorgau.organisations.permissions import Perm
from qorgau.partners.access import access_agreement
from qorgau.people.access import access_household_for_change, access_person_for_change
from qorgau.referrals import selectors, services
from qorgau.referrals.access import access_referral, access_referral_for_change
from qorgau.referrals.api import serializers as s
from qorgau.referrals.checks import ConsentInput
from qorgau.referrals.figures import referral_figures
from qorgau.referrals.models import Referral
from qorgau.statistics.disclosure import policy_from_settings
from qorgau.web.api import ApiViewSet, api_user

_ID = OpenApiParameter(
    "id", OpenApiTypes.UUID, OpenApiParameter.PATH, description="The referral's id."
)


def _detail(referral: Referral) -> dict[str, Any]:
    return s.ReferralDetailSerializer(referral).data


@extend_schema(tags=["referrals"])
class ReferralViewSet(ApiViewSet):
    """Referrals the user's organisations sent (outbox) or received (inbox, never a draft).
    What the receiver reads of the person is the person's own endpoints' answer: exactly the
    referral's field groups while it is open."""

    queryset = Referral.objects.none()  # for the schema only; reads go through the gate
    serializer_class = s.ReferralOutSerializer
    read_perm = Perm.PERSON_VIEW
    create_perm = change_perm = Perm.PERSON_CHANGE
    write_actions: ClassVar[frozenset[str]] = ApiViewSet.write_actions | {
        "transition",
        "override",
    }

    @extend_schema(parameters=[s.ReferralQuerySerializer])
    def list(self, request: Request) -> Response:
        query = s.ReferralQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        filters = dict(query.validated_data)
        user = api_user(request)
        rows = selectors.referral_list(user, **filters)
        page = self.paginate_queryset(rows)
        items = list(rows if page is None else page)
        data = s.ReferralOutSerializer(items, many=True).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    @extend_schema(parameters=[_ID], responses={200: s.ReferralDetailSerializer})
    def retrieve(self, request: Request, id: str) -> Response:
        return Response(_detail(access_referral(user=api_user(request), public_id=id)))

    @extend_schema(request=s.ReferralCreateSerializer, responses={201: s.ReferralDetailSerializer})
    def create(self, request: Request) -> Response:
        incoming = s.ReferralCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        user = api_user(request)
        record: dict[str, Any] = (
            {"person": access_person_for_change(user=user, public_id=data["person"])}
            if "person" in data
            else {"household": access_household_for_change(user=user, public_id=data["household"])}
        )
        consent = ConsentInput(**data["consent"]) if data.get("consent") else None
        agreement = (
            access_agreement(user=user, public_id=data["agreement"])
            if data.get("agreement")
            else None
        )
        referral = services.referral_create(
            actor=user, recipient=data["recipient"], services=data["services"],
            reason=data["reason"], urgency=data["urgency"], field_groups=data["field_groups"],
            consent=consent, agreement=agreement, **record,
        )  # fmt: skip
        return Response(_detail(referral), status=status.HTTP_201_CREATED)

    def _write(self, request: Request, id: str, serializer: Any, write: Any) -> Response:
        """Gate, validate, one service, the referral as it now is."""
        user = api_user(request)
        referral = access_referral_for_change(user=user, public_id=id)
        incoming = serializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        return Response(_detail(write(actor=user, referral=referral, **incoming.validated_data)))

    @extend_schema(
        parameters=[_ID],
        request=s.TransitionSerializer,
        responses={200: s.ReferralDetailSerializer},
    )
    @action(detail=True, methods=["post"])
    def transition(self, request: Request, id: str) -> Response:
        return self._write(request, id, s.TransitionSerializer, services.referral_step_take)

    @extend_schema(
        parameters=[_ID], request=s.VersionSerializer, responses={200: s.ReferralDetailSerializer}
    )
    @action(detail=True, methods=["post"])
    def override(self, request: Request, id: str) -> Response:
        """A protection officer approves sending despite refused consent."""
        return self._write(
            request, id, s.VersionSerializer, services.referral_consent_override_approve
        )


@extend_schema(tags=["referrals"])
class ReferralFiguresViewSet(ApiViewSet):
    """The month's referral figures per receiving partner and service, of the referrals the
    user's organisations sent or received (``statistics.view``), always under the statistics'
    disclosure control: what the API returns leaves the system."""

    queryset = Referral.objects.none()  # for the schema only
    serializer_class = s.FigureRowSerializer
    read_perm = Perm.STATISTICS_VIEW
    pagination_class = None  # one month's rows, answered whole

    @extend_schema(
        parameters=[s.FiguresQuerySerializer], responses={200: s.FigureRowSerializer(many=True)}
    )
    def list(self, request: Request) -> Response:
        query = s.FiguresQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        month = query.validated_data.get("month") or timezone.localdate().replace(day=1)
        rows = referral_figures(api_user(request), month=month, policy=policy_from_settings())
        return Response(s.FigureRowSerializer(rows, many=True).data)
