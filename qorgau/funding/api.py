"""The funding API: the funded share of an operation's year as of a date (anyone signed in),
contributions (read by anyone signed in, recorded by the managers of an agency office)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response

from qorgau.funding import access, selectors, services
from qorgau.funding.models import Area, Contribution, Donor, Earmarking, Operation
from qorgau.organisations.permissions import Perm
from qorgau.organisations.selectors import user_has_perm_somewhere
from qorgau.web.api import ApiViewSet, CodeField, api_user


class SignedInReadsManagersWrite(BasePermission):
    """Reads for anyone signed in; writes for a holder of ``factsheet.edit`` somewhere (the
    service then asks whether they manage the operation)."""

    def has_permission(self, request: Request, view: Any) -> bool:
        if not request.user or not request.user.is_authenticated:
            return False
        if getattr(view, "action", None) == "create":
            return user_has_perm_somewhere(request.user, Perm.FACTSHEET_EDIT)
        return True


class ContributionOutSerializer(serializers.ModelSerializer[Contribution]):
    id = serializers.UUIDField(source="public_id", read_only=True)
    donor = serializers.UUIDField(source="donor.public_id", read_only=True)
    donor_name = serializers.CharField(source="donor.name", read_only=True)
    operation = serializers.CharField(source="operation.code", read_only=True)
    area = serializers.CharField(source="area.code", read_only=True, allow_null=True)
    amount = serializers.DecimalField(max_digits=16, decimal_places=2, coerce_to_string=True)

    class Meta:
        model = Contribution
        fields = ["id", "donor", "donor_name", "operation", "year", "area", "amount", "currency",
                  "received_on", "earmarking", "version"]  # fmt: skip


class ContributionCreateSerializer(serializers.Serializer[Any]):
    donor = serializers.SlugRelatedField(slug_field="public_id", queryset=Donor.objects.all())
    operation = CodeField[Operation](slug_field="code", queryset=Operation.objects.all())
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    amount = serializers.CharField(max_length=40, help_text="A decimal number, such as 1000.50.")
    currency = serializers.CharField(max_length=3, help_text="ISO 4217 code.")
    received_on = serializers.DateField()
    earmarking = serializers.ChoiceField(choices=Earmarking.choices)
    area = CodeField[Area](
        slug_field="code", queryset=Area.objects.all(), required=False, allow_null=True
    )


class AreaShareSerializer(serializers.Serializer[Any]):
    area = serializers.CharField(source="area.code", allow_null=True, default=None)
    required_usd = serializers.DecimalField(max_digits=16, decimal_places=2)
    funded_usd = serializers.DecimalField(max_digits=16, decimal_places=2)
    percent = serializers.DecimalField(max_digits=8, decimal_places=1, allow_null=True)


class FundedShareSerializer(serializers.Serializer[Any]):
    operation = serializers.CharField(source="operation.code")
    year = serializers.IntegerField()
    as_of = serializers.DateField()
    required_usd = serializers.DecimalField(max_digits=16, decimal_places=2)
    funded_usd = serializers.DecimalField(max_digits=16, decimal_places=2)
    percent = serializers.DecimalField(max_digits=8, decimal_places=1, allow_null=True)
    areas = AreaShareSerializer(many=True)


class ShareQuerySerializer(serializers.Serializer[Any]):
    operation = CodeField[Operation](
        slug_field="code", queryset=Operation.objects.all(), required=False
    )
    year = serializers.IntegerField(min_value=2000, max_value=2100, required=False)
    as_of = serializers.DateField(required=False)


@extend_schema(tags=["funding"])
class ContributionViewSet(ApiViewSet):
    """Contributions received (anyone signed in reads), recorded by managers of an agency
    office: the amount in its ISO 4217 currency, converted by the rate of its day (ADR 0049)."""

    queryset = Contribution.objects.none()  # for the schema only; reads go through the gate
    serializer_class = ContributionOutSerializer
    permission_classes = [SignedInReadsManagersWrite]

    def list(self, request: Request) -> Response:
        rows = access.visible_contributions(api_user(request)).order_by("received_on", "id")
        page = self.paginate_queryset(rows)
        items = list(rows if page is None else page)
        data = ContributionOutSerializer(items, many=True).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    @extend_schema(request=ContributionCreateSerializer, responses={201: ContributionOutSerializer})
    def create(self, request: Request) -> Response:
        incoming = ContributionCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        row = services.contribution_record(actor=api_user(request), **incoming.validated_data)
        return Response(ContributionOutSerializer(row).data, status=status.HTTP_201_CREATED)


class _OneObjectSchema(AutoSchema):
    """The funded share answers one object on its collection path, not a page of them."""

    def _is_list_view(self, serializer: Any = None) -> bool:
        return False


@extend_schema(tags=["funding"])
class FundedShareViewSet(ApiViewSet):
    """The funded share of an operation's year as of a date (default: the representation,
    today's year, today), in total and by area."""

    queryset = Operation.objects.none()
    serializer_class = FundedShareSerializer
    permission_classes = [SignedInReadsManagersWrite]
    pagination_class = None
    schema = _OneObjectSchema()

    @extend_schema(
        parameters=[
            OpenApiParameter("operation", OpenApiTypes.STR, description="Operation code (RCA)."),
            OpenApiParameter("year", OpenApiTypes.INT),
            OpenApiParameter("as_of", OpenApiTypes.DATE),
        ],
        responses={200: FundedShareSerializer},
    )
    def list(self, request: Request) -> Response:
        query = ShareQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        as_of: dt.date = query.validated_data.get("as_of") or timezone.localdate()
        share = selectors.funded_share(
            operation=query.validated_data.get("operation") or Operation.objects.get(code="RCA"),
            year=query.validated_data.get("year") or as_of.year,
            as_of=as_of,
        )
        return Response(FundedShareSerializer(share).data)
