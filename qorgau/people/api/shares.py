"""Registry API views of shares: parse, pass the gate, call one service, serialise."""

from __future__ import annotations

from typing import ClassVar

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from qorgau.audit.services import access_log_record
from qorgau.errors import NotFound
from qorgau.organisations.permissions import Perm
from qorgau.people import access
from qorgau.people.api import serializers as s
from qorgau.people.models import Share
from qorgau.people.policy import share_agreement_find
from qorgau.people.services import shares
from qorgau.web.api import ApiViewSet, api_reader, api_user


def _shares_read(request: Request, items: list[Share]) -> None:
    """Log, for each share shown, a read of its record: who it is shared with, under which
    agreement and until when is part of the record's protection (action ``share``)."""
    reader = api_reader(request)
    for object_type in ("person", "household"):
        access_log_record(
            reader=reader,
            action="share",
            object_type=object_type,
            object_ids=[
                record.public_id for share in items if (record := getattr(share, object_type))
            ],
        )


@extend_schema(tags=["shares"])
class ShareViewSet(ApiViewSet):
    """Shares of records the user may share (their registrant's or the agency office's)."""

    queryset = Share.objects.none()  # for the schema only; reads go through the gate
    serializer_class = s.ShareOutSerializer
    read_perm = change_perm = create_perm = Perm.PERSON_SHARE
    write_actions: ClassVar[frozenset[str]] = ApiViewSet.write_actions | {"revoke"}

    def list(self, request: Request) -> Response:
        rows = (
            access.visible_shares(api_user(request))
            .select_related("organisation", "person", "household", "agreement_record")
            .order_by("-created_at", "-id")
        )
        page = self.paginate_queryset(rows)
        items = list(rows if page is None else page)
        _shares_read(request, items)
        data = s.ShareOutSerializer(items, many=True).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    def retrieve(self, request: Request, id: str) -> Response:
        share = access.access_share(reader=api_reader(request), public_id=id)
        _shares_read(request, [share])
        return Response(s.ShareOutSerializer(share).data)

    @extend_schema(request=s.ShareCreateSerializer, responses={201: s.ShareOutSerializer})
    def create(self, request: Request) -> Response:
        incoming = s.ShareCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        user = api_user(request)
        person = household = None
        if data["person"] is not None:
            person = (
                access.visible_persons(user, Perm.PERSON_SHARE)
                .filter(public_id=data["person"])
                .first()
            )
            if person is None:
                raise NotFound().about("person", data["person"])
        else:
            household = (
                access.visible_households(user, Perm.PERSON_SHARE)
                .filter(public_id=data["household"])
                .first()
            )
            if household is None:
                raise NotFound().about("household", data["household"])
        record = person or household
        assert record is not None  # noqa: S101 (one of the two was found above)
        share = shares.share_grant(
            actor=user,
            recipient=data["organisation"],
            agreement=data["agreement"],
            agreement_record=share_agreement_find(record, data["agreement"], timezone.localdate()),
            purpose=data["purpose"],
            expires_on=data["expires_on"],
            person=person,
            household=household,
            field_groups=data.get("field_groups"),
        )
        return Response(s.ShareOutSerializer(share).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: s.ShareOutSerializer})
    @action(detail=True, methods=["post"])
    def revoke(self, request: Request, id: str) -> Response:
        user = api_user(request)
        share = access.access_share_for_change(user=user, public_id=id)
        share = shares.share_revoke(actor=user, share=share)
        return Response(s.ShareOutSerializer(share).data)
