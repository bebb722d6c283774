"""The hotline's API: the tickets of the user's desks (the same scope as the desk's pages),
one ticket, logging a call, an email or a walk-in, and the monthly figures of each desk."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from qorgau.hotline import services
from qorgau.hotline.access import access_ticket, desk_organisations, visible_tickets
from qorgau.hotline.api import serializers as s
from qorgau.hotline.models import Ticket
from qorgau.hotline.selectors import monthly_figures
from qorgau.organisations.models import User
from qorgau.organisations.permissions import Perm
from qorgau.people.access import visible_persons
from qorgau.statistics.disclosure import policy_from_settings
from qorgau.web.api import ApiViewSet, acting_organisation, api_user

_ID = OpenApiParameter(
    "id", OpenApiTypes.UUID, OpenApiParameter.PATH, description="The ticket's id."
)


def _context(user: User, tickets: list[Ticket]) -> dict[str, Any]:
    """The linked people the user may see: only those are named."""
    linked = {t.person_id for t in tickets if t.person_id is not None}
    visible = set(visible_persons(user).filter(pk__in=linked).values_list("pk", flat=True))
    return {"visible_person_ids": visible}


@extend_schema(tags=["hotline"])
class TicketViewSet(ApiViewSet):
    """Hotline tickets of the organisations where the user works at the desk."""

    queryset = Ticket.objects.none()  # for the schema only; reads go through the gate
    serializer_class = s.TicketOutSerializer
    read_perm = change_perm = create_perm = Perm.HOTLINE_ANSWER

    def _rows(self, user: User) -> QuerySet[Ticket]:
        return visible_tickets(user).select_related("organisation", "assignee", "person")

    def list(self, request: Request) -> Response:
        user = api_user(request)
        rows = self._rows(user).order_by("-received_at", "id")
        page = self.paginate_queryset(rows)
        items = list(rows if page is None else page)
        data = s.TicketOutSerializer(items, many=True, context=_context(user, items)).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    @extend_schema(parameters=[_ID])
    def retrieve(self, request: Request, id: str) -> Response:
        user = api_user(request)
        ticket = access_ticket(user=user, public_id=id)
        return Response(s.TicketOutSerializer(ticket, context=_context(user, [ticket])).data)

    @extend_schema(request=s.TicketCreateSerializer, responses={201: s.TicketOutSerializer})
    def create(self, request: Request) -> Response:
        incoming = s.TicketCreateSerializer(data=request.data, context={"request": request})
        incoming.is_valid(raise_exception=True)
        user = api_user(request)
        values = dict(incoming.validated_data)
        organisation = acting_organisation(incoming, values.pop("organisation", None))
        ticket = services.ticket_log(actor=user, organisation=organisation, **values)
        return Response(
            s.TicketOutSerializer(ticket, context=_context(user, [ticket])).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        parameters=[s.FiguresQuerySerializer], responses={200: s.FiguresOutSerializer(many=True)}
    )
    @action(detail=False, methods=["get"], pagination_class=None)
    def figures(self, request: Request) -> Response:
        """The month's figures of each of the user's desks (as ``/hotline/figures/``): volume by
        channel, topic and language, median time to the first answer, share answered within
        the target; with ``published``, under the statistics' disclosure control."""
        user = api_user(request)
        query = s.FiguresQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        month = query.validated_data.get("month") or timezone.localdate().replace(day=1)
        policy = policy_from_settings() if query.validated_data["published"] else None
        rows = [
            {
                "organisation": organisation.code,
                **vars(monthly_figures(user, organisation, month, policy)),
            }
            for organisation in desk_organisations(user)
        ]
        return Response(s.FiguresOutSerializer(rows, many=True).data)
