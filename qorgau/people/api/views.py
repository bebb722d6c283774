"""Registry API views of persons: parse, pass the gate, call one service or selector, serialise.
The other resources have a module each: ``households.py``, ``person_parts.py`` (documents and
status periods), ``shares.py``; the shared plumbing is ``qorgau.web.api``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import cast

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from qorgau.audit.services import access_log_record
from qorgau.organisations.models import Organisation
from qorgau.people import access
from qorgau.people.api import serializers as s
from qorgau.people.fields import field_write_check
from qorgau.people.lists import person_filters, person_list, person_with_related, persons_found
from qorgau.people.models import Person
from qorgau.people.selectors import SEARCH_CAP, person_search
from qorgau.people.services import persons
from qorgau.people.services.validation import NameWarning, name_warnings
from qorgau.web.api import ApiViewSet, acting_organisation, api_reader, api_user
from qorgau.web.pagination import CappedLimitOffsetPagination


@extend_schema(tags=["persons"])
class PersonViewSet(ApiViewSet):
    queryset = Person.objects.none()  # for the schema only; reads go through the gate
    serializer_class = s.PersonOutSerializer
    pagination_class = CappedLimitOffsetPagination

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "search", str, description="Name in any script, registration or document number"
            ),
            OpenApiParameter("sex", str),
            OpenApiParameter("citizenship_status", str),
            OpenApiParameter("country_office", str, description="ISO3 code"),
            OpenApiParameter("registered_by", str, description="Organisation code"),
        ]
    )
    def list(self, request: Request) -> Response:
        actor = api_user(request)
        filters = person_filters(request.query_params)
        if query := request.query_params.get("search", "").strip():
            # At most the first 1,000 people found, ranked as on the search page; "more" says
            # whether more match (ADR 0014).
            hits = person_search(user=actor, query=query, filters=filters, cap=SEARCH_CAP)
            paginator = cast(CappedLimitOffsetPagination, self.paginator)
            paginator.more = hits.more
            people = persons_found(actor, self.paginate_queryset(hits.ids) or [])
            access_log_record(
                reader=api_reader(request),
                action="list",
                object_type="person",
                object_ids=[p.public_id for p in people],
            )
            data = s.PersonOutSerializer(
                people, many=True, context=self.get_serializer_context()
            ).data
            return self.get_paginated_response(data)
        return self.paginated(
            person_list(actor, filters),
            s.PersonOutSerializer,
            lambda items: [p.public_id for p in items],
        )

    def retrieve(self, request: Request, id: str) -> Response:
        person = access.access_person(reader=api_reader(request), public_id=id)
        out = person_with_related(person)
        return Response(s.PersonOutSerializer(out, context={"request": request}).data)

    @extend_schema(request=s.PersonCreateSerializer, responses={201: s.PersonWrittenSerializer})
    def create(self, request: Request) -> Response:
        incoming = s.PersonCreateSerializer(data=request.data, context={"request": request})
        incoming.is_valid(raise_exception=True)
        organisation = acting_organisation(incoming, incoming.validated_data.get("organisation"))
        _fields_allowed(request, organisation=organisation)
        data = incoming.person_input()
        replaced = name_warnings(data)
        person = persons.person_create(
            actor=api_user(request),
            organisation=organisation,
            data=data,
            source_id=incoming.validated_data["source_id"],
        )
        return self._written(request, person, replaced, status.HTTP_201_CREATED)

    @extend_schema(request=s.PersonUpdateSerializer, responses={200: s.PersonWrittenSerializer})
    def update(self, request: Request, id: str) -> Response:
        person = access.access_person_for_change(user=api_user(request), public_id=id)
        _fields_allowed(request, person=person)
        incoming = s.PersonUpdateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.person_input()
        replaced = name_warnings(data)
        updated = persons.person_update(
            actor=api_user(request),
            person=person,
            expected_version=incoming.validated_data.get("version"),
            data=data,
        )
        return self._written(request, updated, replaced)

    @extend_schema(request=s.PersonUpdateSerializer, responses={200: s.PersonWrittenSerializer})
    def partial_update(self, request: Request, id: str) -> Response:
        person = access.access_person_for_change(user=api_user(request), public_id=id)
        _fields_allowed(request, person=person)
        incoming = s.PersonUpdateSerializer(data=request.data, partial=True)
        incoming.is_valid(raise_exception=True)
        changes = incoming.changes()
        replaced = name_warnings(changes)
        updated = persons.person_patch(
            actor=api_user(request),
            person=person,
            expected_version=incoming.validated_data.get("version"),
            changes=changes,
        )
        return self._written(request, updated, replaced)

    def _written(
        self,
        request: Request,
        person: Person,
        replaced: Sequence[NameWarning],
        code: int = status.HTTP_200_OK,
    ) -> Response:
        """The saved person, with ``warnings``: the look-alike letters replaced in its names."""
        out = person_with_related(person)
        context = {"request": request, "warnings": replaced}
        return Response(s.PersonWrittenSerializer(out, context=context).data, status=code)


def _fields_allowed(
    request: Request, *, person: Person | None = None, organisation: Organisation | None = None
) -> None:
    """A request carrying a field the user's role may not set is refused (400 naming the
    field, and a security event), whatever its value: rejected, not ignored (issue 14)."""
    sent = request.data.keys() if isinstance(request.data, Mapping) else []
    field_write_check(
        actor=api_user(request), fields=sent, person=person, organisation=organisation
    )
