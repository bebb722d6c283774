"""The data-sharing agreements' API: the agreements of the user's organisations, recording one
(multipart, with the signed PDF), changing and ending one (the pages' services, with the
version read), and the signed document through the gate."""

from __future__ import annotations

from typing import ClassVar

from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from qorgau.errors import NotFound
from qorgau.organisations.permissions import Perm
from qorgau.partners.access import access_agreement, access_agreement_for_change
from qorgau.partners.api import serializers as s
from qorgau.partners.models import Agreement
from qorgau.partners.selectors import agreement_list
from qorgau.partners.services import agreement_change, agreement_end, agreement_record
from qorgau.web.api import ApiViewSet, api_user

_ID = OpenApiParameter(
    "id", OpenApiTypes.UUID, OpenApiParameter.PATH, description="The agreement's id."
)


@extend_schema(tags=["partners"])
class AgreementViewSet(ApiViewSet):
    """Data-sharing agreements the user's organisations are a party to (all of its country's
    for the agency office). Recorded, changed and ended early by an administrator of the sharing
    organisation or of the agency office of its country; anyone else gets 404 on a change, as
    for a missing agreement. A change or an end carries the ``version`` read (409 when stale)."""

    queryset = Agreement.objects.none()  # for the schema only; reads go through the gate
    serializer_class = s.AgreementOutSerializer
    read_perm = Perm.PERSON_VIEW
    create_perm = change_perm = Perm.ORGANISATION_MANAGE
    write_actions: ClassVar[frozenset[str]] = ApiViewSet.write_actions | {"end"}
    parser_classes = [MultiPartParser, JSONParser]

    @extend_schema(parameters=[s.AgreementQuerySerializer])
    def list(self, request: Request) -> Response:
        query = s.AgreementQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        rows = agreement_list(
            api_user(request),
            partner=query.validated_data.get("partner"),
            purpose=query.validated_data.get("purpose", ""),
            state=query.validated_data.get("state", ""),
        )
        page = self.paginate_queryset(rows)
        items = list(rows if page is None else page)
        data = s.AgreementOutSerializer(items, many=True).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    @extend_schema(parameters=[_ID])
    def retrieve(self, request: Request, id: str) -> Response:
        agreement = access_agreement(user=api_user(request), public_id=id)
        return Response(s.AgreementOutSerializer(agreement).data)

    @extend_schema(
        request={"multipart/form-data": s.AgreementCreateSerializer},
        responses={201: s.AgreementOutSerializer},
    )
    def create(self, request: Request) -> Response:
        incoming = s.AgreementCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        agreement = agreement_record(actor=api_user(request), **incoming.validated_data)
        return Response(s.AgreementOutSerializer(agreement).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        parameters=[_ID],
        request={
            "multipart/form-data": s.AgreementChangeSerializer,
            "application/json": s.AgreementChangeSerializer,
        },
        responses={200: s.AgreementOutSerializer},
    )
    def partial_update(self, request: Request, id: str) -> Response:
        user = api_user(request)
        agreement = access_agreement_for_change(user=user, public_id=id)
        incoming = s.AgreementChangeSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        changed = agreement_change(actor=user, agreement=agreement, **incoming.validated_data)
        return Response(s.AgreementOutSerializer(changed).data)

    @extend_schema(
        parameters=[_ID],
        request={
            "application/json": s.AgreementEndSerializer,
            "multipart/form-data": s.AgreementEndSerializer,
        },
        responses={200: s.AgreementOutSerializer},
    )
    @action(detail=True, methods=["post"])
    def end(self, request: Request, id: str) -> Response:
        user = api_user(request)
        agreement = access_agreement_for_change(user=user, public_id=id)
        incoming = s.AgreementEndSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        ended = agreement_end(actor=user, agreement=agreement, **incoming.validated_data)
        return Response(s.AgreementOutSerializer(ended).data)

    @extend_schema(
        parameters=[_ID],
        responses={(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY)},
    )
    @action(detail=True, methods=["get"])
    def document(self, request: Request, id: str) -> FileResponse:
        agreement = access_agreement(user=api_user(request), public_id=id)
        if not agreement.document:
            raise NotFound().about("agreement", agreement.public_id)
        return FileResponse(
            agreement.document.open("rb"),
            as_attachment=True,
            filename=f"{agreement.public_id}.pdf",
            content_type="application/pdf",
        )
