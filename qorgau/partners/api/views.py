"""The partner directory's API: who offers which service, where and in which languages."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from qorgau.errors import NotFound
from qorgau.organisations.permissions import Perm
from qorgau.partners.access import access_partner_profile
from qorgau.partners.api import serializers as s
from qorgau.partners.models import PartnerProfile
from qorgau.partners.selectors import partner_directory
from qorgau.web.api import ApiViewSet, api_user


@extend_schema(tags=["partners"])
class ServiceViewSet(ApiViewSet):
    """The directory entries of the organisations of the user's countries (read only; an
    entry is edited on its page). ``{id}`` is the organisation's public id."""

    queryset = PartnerProfile.objects.none()  # for the schema only; reads go through the gate
    serializer_class = s.PartnerProfileSerializer
    read_perm = Perm.PERSON_VIEW

    @extend_schema(parameters=[s.DirectoryQuerySerializer])
    def list(self, request: Request) -> Response:
        query = s.DirectoryQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        filters = query.validated_data
        service = filters.get("service")
        rows = partner_directory(
            api_user(request),
            service=service.code if service else "",
            region=filters.get("region", ""),
            language=filters.get("language", ""),
            text=filters.get("q", ""),
        )
        page = self.paginate_queryset(rows)
        items = list(rows if page is None else page)
        data = s.PartnerProfileSerializer(items, many=True).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "id", OpenApiTypes.UUID, OpenApiParameter.PATH, description="The organisation's id."
            )
        ]
    )
    def retrieve(self, request: Request, id: str) -> Response:
        organisation = access_partner_profile(user=api_user(request), public_id=id)
        profile = partner_directory(api_user(request)).filter(organisation=organisation).first()
        if profile is None:
            raise NotFound().about("organisation", organisation.public_id)
        return Response(s.PartnerProfileSerializer(profile).data)
