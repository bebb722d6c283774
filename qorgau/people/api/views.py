"""Registry API views: parse, pass the gate, call one service or selector, serialise."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotAuthenticated, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from qorgau.audit.models import Channel
from qorgau.audit.services import Reader, access_log_record
from qorgau.organisations.models import User
from qorgau.organisations.permissions import Perm
from qorgau.people import access, errors
from qorgau.people.api import serializers as s
from qorgau.people.api.permissions import RegistryPermission
from qorgau.people.models import (
    Document,
    Household,
    LegalStatusPeriod,
    Person,
    PersonNeed,
    Share,
)
from qorgau.people.selectors import SEARCH_CAP, person_search
from qorgau.people.services import documents, households, persons, shares
from qorgau.people.services import status as status_services
from qorgau.web.pagination import CappedLimitOffsetPagination


def _actor(request: Request) -> User:
    """The authenticated user (RegistryPermission has let no one else through)."""
    if not isinstance(request.user, User):
        raise NotAuthenticated
    return request.user


def _reader(request: Request) -> Reader:
    return Reader.from_request(request._request, Channel.API)


def _person_for_change(request: Request, public_id: Any) -> Person:
    return access.access_person_for_change(user=_actor(request), public_id=public_id)


def _with_related(people: QuerySet[Person]) -> QuerySet[Person]:
    return people.select_related(
        "birth_country",
        "citizenship_country",
        "origin_country",
        "country_office",
        "region",
        "registered_by",
        "household",
    ).prefetch_related(
        # Into lists (``to_attr``): Django sets up a related manager per person otherwise, a
        # fifth of the time of a page of 50 people.
        Prefetch("phones", to_attr="listed_phones"),
        Prefetch("aliases", to_attr="listed_aliases"),
        Prefetch(
            "needs", queryset=PersonNeed.objects.select_related("need"), to_attr="listed_needs"
        ),
    )


class RegistryViewSet(viewsets.GenericViewSet[Any]):
    permission_classes = [RegistryPermission]
    lookup_field = "public_id"
    lookup_url_kwarg = "id"
    object_type = "person"

    def paginated(
        self,
        rows: Any,
        serializer: Any,
        log_ids: Callable[[list[Any]], list[Any]],
        object_type: str = "person",
    ) -> Response:
        """One page of rows, each read logged; ``serializer`` is a serializer class or a
        function from the rows to their data."""
        page = self.paginate_queryset(rows)
        items = list(rows if page is None else page)
        access_log_record(
            reader=_reader(self.request),
            action="list",
            object_type=object_type,
            object_ids=log_ids(items),
        )
        if isinstance(serializer, type):
            data = serializer(items, many=True, context=self.get_serializer_context()).data
        else:
            data = serializer(items)
        return self.get_paginated_response(data) if page is not None else Response(data)


PERSON_FILTERS = {
    "sex": "sex",
    "citizenship_status": "citizenship_status",
    "country_office": "country_office__iso3",
    "registered_by": "registered_by__code",
}


def _listed(user: User, ids: list[int]) -> list[Person]:
    """A page of people found by a search, in the order found, through the gate."""
    by_id = {p.pk: p for p in _with_related(access.visible_persons(user).filter(pk__in=ids))}
    return [by_id[pk] for pk in ids if pk in by_id]


@extend_schema(tags=["persons"])
class PersonViewSet(RegistryViewSet):
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
        actor = _actor(request)
        filters = {
            lookup: value
            for param, lookup in PERSON_FILTERS.items()
            if (value := request.query_params.get(param))
        }
        if query := request.query_params.get("search", "").strip():
            # At most the first 1,000 people found, ranked as on the search page; "more" says
            # whether more match (ADR 0014).
            hits = person_search(user=actor, query=query, filters=filters, cap=SEARCH_CAP)
            paginator = cast(CappedLimitOffsetPagination, self.paginator)
            paginator.more = hits.more
            people = _listed(actor, self.paginate_queryset(hits.ids) or [])
            access_log_record(
                reader=_reader(request),
                action="list",
                object_type="person",
                object_ids=[p.public_id for p in people],
            )
            data = s.PersonOutSerializer(
                people, many=True, context=self.get_serializer_context()
            ).data
            return self.get_paginated_response(data)
        return self.paginated(
            _with_related(access.visible_persons(actor).filter(**filters)).order_by(
                "registration_number"
            ),
            s.PersonOutSerializer,
            lambda items: [p.public_id for p in items],
        )

    def retrieve(self, request: Request, id: str) -> Response:
        person = access.access_person(reader=_reader(request), public_id=id)
        person = _with_related(Person.objects.filter(pk=person.pk)).get()
        return Response(s.PersonOutSerializer(person, context={"request": request}).data)

    @extend_schema(request=s.PersonCreateSerializer, responses={201: s.PersonOutSerializer})
    def create(self, request: Request) -> Response:
        incoming = s.PersonCreateSerializer(data=request.data, context={"request": request})
        incoming.is_valid(raise_exception=True)
        field = incoming.fields["organisation"]
        organisation = field.acting(incoming.validated_data.get("organisation"))  # type: ignore[attr-defined]
        person = persons.person_create(
            actor=_actor(request),
            organisation=organisation,
            data=incoming.person_input(),
            source_id=incoming.validated_data["source_id"],
        )
        out = _with_related(Person.objects.filter(pk=person.pk)).get()
        return Response(
            s.PersonOutSerializer(out, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(request=s.PersonUpdateSerializer, responses={200: s.PersonOutSerializer})
    def update(self, request: Request, id: str) -> Response:
        return self._update(request, id, partial=False)

    @extend_schema(request=s.PersonUpdateSerializer, responses={200: s.PersonOutSerializer})
    def partial_update(self, request: Request, id: str) -> Response:
        return self._update(request, id, partial=True)

    def _update(self, request: Request, id: str, *, partial: bool) -> Response:
        person = _person_for_change(request, id)
        incoming = s.PersonUpdateSerializer(data=request.data, partial=partial)
        incoming.is_valid(raise_exception=True)
        data = persons.person_input_from(person)
        if partial:
            submitted = incoming.person_input(base=data)
            for name in incoming.validated_data:
                target = "birth" if name == "date_of_birth" else name
                if hasattr(data, target):
                    setattr(data, target, getattr(submitted, target))
        else:
            data = incoming.person_input()
        version = incoming.validated_data.get("version")
        if version is None:
            raise ValidationError({"version": [errors.REQUIRED]})
        updated = persons.person_update(
            actor=_actor(request),
            person=person,
            expected_version=version,
            data=data,
        )
        out = _with_related(Person.objects.filter(pk=updated.pk)).get()
        return Response(s.PersonOutSerializer(out, context={"request": request}).data)


def _visible_members(request: Request, households_: list[Household]) -> dict[int, list[Person]]:
    members: dict[int, list[Person]] = {}
    rows = (
        access.visible_persons(_actor(request))
        .filter(household__in=households_)
        .order_by("registration_number")
    )
    for person in rows:
        members.setdefault(person.household_id or 0, []).append(person)
    return members


@extend_schema(tags=["households"])
class HouseholdViewSet(RegistryViewSet):
    queryset = Household.objects.none()  # for the schema only; reads go through the gate
    serializer_class = s.HouseholdOutSerializer

    def _out(self, request: Request, items: list[Household]) -> Any:
        context = {"visible_members": _visible_members(request, items)}
        return s.HouseholdOutSerializer(items, many=True, context=context).data

    def list(self, request: Request) -> Response:
        rows = access.visible_households(_actor(request)).select_related(
            "country_office", "registered_by"
        )
        return self.paginated(
            rows,
            lambda items: self._out(request, items),
            lambda items: [h.public_id for h in items],
            object_type="household",
        )

    def retrieve(self, request: Request, id: str) -> Response:
        household = access.access_household(reader=_reader(request), public_id=id)
        return Response(self._out(request, [household])[0])

    @extend_schema(request=s.HouseholdCreateSerializer, responses={201: s.HouseholdOutSerializer})
    def create(self, request: Request) -> Response:
        incoming = s.HouseholdCreateSerializer(data=request.data, context={"request": request})
        incoming.is_valid(raise_exception=True)
        organisation = incoming.fields["organisation"].acting(  # type: ignore[attr-defined]
            incoming.validated_data.get("organisation")
        )
        members = [
            (_person_for_change(request, m["person"]), m["relationship"])
            for m in incoming.validated_data["members"]
        ]
        household = households.household_create(
            actor=_actor(request),
            organisation=organisation,
            members=members,
        )
        return Response(self._out(request, [household])[0], status=status.HTTP_201_CREATED)

    @extend_schema(request=s.HouseholdMemberSerializer, responses={200: s.HouseholdOutSerializer})
    @action(detail=True, methods=["post"], url_path="members")
    def add_member(self, request: Request, id: str) -> Response:
        household = access.access_household_for_change(user=_actor(request), public_id=id)
        incoming = s.HouseholdMemberSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        person = _person_for_change(request, incoming.validated_data["person"])
        households.household_member_add(
            actor=_actor(request),
            household=household,
            person=person,
            relationship=incoming.validated_data["relationship"],
        )
        return Response(self._out(request, [household])[0])

    @extend_schema(
        request=None,
        responses={200: s.HouseholdOutSerializer},
        parameters=[OpenApiParameter("person_id", OpenApiTypes.UUID, OpenApiParameter.PATH)],
    )
    @action(detail=True, methods=["delete"], url_path=r"members/(?P<person_id>[^/.]+)")
    def remove_member(self, request: Request, id: str, person_id: str) -> Response:
        household = access.access_household_for_change(user=_actor(request), public_id=id)
        person = _person_for_change(request, person_id)
        if person.household_id != household.pk:
            raise Http404
        households.household_member_remove(actor=_actor(request), person=person)
        return Response(self._out(request, [household])[0])

    @extend_schema(
        request=s.HouseholdPrincipalSerializer, responses={200: s.HouseholdOutSerializer}
    )
    @action(detail=True, methods=["post"], url_path="principal")
    def change_principal(self, request: Request, id: str) -> Response:
        household = access.access_household_for_change(user=_actor(request), public_id=id)
        incoming = s.HouseholdPrincipalSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        person = _person_for_change(request, data["person"])
        if person.household_id != household.pk:
            raise Http404
        households.household_principal_change(
            actor=_actor(request),
            household=household,
            person=person,
            former_principal_relationship=data["former_principal_relationship"],
            expected_version=data.get("version"),
        )
        household.refresh_from_db()
        return Response(self._out(request, [household])[0])


class PersonPartViewSet[M: Document | LegalStatusPeriod](RegistryViewSet):
    """Records that belong to one person (documents, status periods): visible exactly when the
    person is, and every read is logged as a read of that person."""

    model: type[M]
    related: tuple[str, ...] = ()
    ordering: tuple[str, ...] = ("person_id", "id")
    read_action = ""

    def rows(self, request: Request) -> QuerySet[M]:
        visible = access.visible_persons(_actor(request))
        rows = cast("QuerySet[M]", self.model._default_manager.filter(person__in=visible))
        return rows.select_related("person", *self.related)

    @extend_schema(parameters=[OpenApiParameter("person", str, description="Person id")])
    def list(self, request: Request) -> Response:
        rows = self.rows(request).order_by(*self.ordering)
        if person_id := request.query_params.get("person"):
            rows = rows.filter(person__public_id=access.parse_public_id(person_id))
        return self.paginated(
            rows, self.serializer_class, lambda items: [row.person.public_id for row in items]
        )

    def get_row(self, request: Request, id: str) -> M:
        row = self.rows(request).filter(public_id=access.parse_public_id(id)).first()
        if row is None:
            raise Http404
        return row

    def retrieve(self, request: Request, id: str) -> Response:
        row = self.get_row(request, id)
        access_log_record(
            reader=_reader(request),
            action=self.read_action,
            object_type="person",
            object_ids=[row.person.public_id],
        )
        return Response(self.get_serializer(row).data)


@extend_schema(tags=["documents"])
class DocumentViewSet(PersonPartViewSet[Document]):
    queryset = Document.objects.none()  # for the schema only; reads go through the gate
    serializer_class = s.DocumentOutSerializer
    model = Document
    related = ("issuing_country",)
    read_action = "document"

    @extend_schema(request=s.DocumentCreateSerializer, responses={201: s.DocumentOutSerializer})
    def create(self, request: Request) -> Response:
        incoming = s.DocumentCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        person = _person_for_change(request, data.pop("person"))
        document = documents.document_add(actor=_actor(request), person=person, **data)
        return Response(s.DocumentOutSerializer(document).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.DocumentUpdateSerializer, responses={200: s.DocumentOutSerializer})
    def partial_update(self, request: Request, id: str) -> Response:
        document = self.get_row(request, id)
        _person_for_change(request, document.person.public_id)
        incoming = s.DocumentUpdateSerializer(data=request.data, partial=True)
        incoming.is_valid(raise_exception=True)
        updated = documents.document_update(
            actor=_actor(request),
            document=document,
            **incoming.validated_data,
        )
        return Response(s.DocumentOutSerializer(updated).data)


@extend_schema(tags=["status periods"])
class StatusPeriodViewSet(PersonPartViewSet[LegalStatusPeriod]):
    queryset = LegalStatusPeriod.objects.none()  # for the schema only; reads go through the gate
    serializer_class = s.StatusPeriodOutSerializer
    model = LegalStatusPeriod
    related = ("deciding_authority", "recorded_by")
    ordering = ("person_id", "effective_from", "id")
    read_action = "status"

    @extend_schema(
        request=s.StatusPeriodCreateSerializer, responses={201: s.StatusPeriodOutSerializer}
    )
    def create(self, request: Request) -> Response:
        incoming = s.StatusPeriodCreateSerializer(data=request.data, context={"request": request})
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        organisation = incoming.fields["organisation"].acting(data.pop("organisation", None))  # type: ignore[attr-defined]
        person = _person_for_change(request, data.pop("person"))
        period = status_services.status_period_record(
            actor=_actor(request),
            organisation=organisation,
            person=person,
            **data,
        )
        return Response(s.StatusPeriodOutSerializer(period).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=s.StatusPeriodUpdateSerializer, responses={200: s.StatusPeriodOutSerializer}
    )
    def partial_update(self, request: Request, id: str) -> Response:
        period = self.get_row(request, id)
        _person_for_change(request, period.person.public_id)
        incoming = s.StatusPeriodUpdateSerializer(data=request.data, partial=True)
        incoming.is_valid(raise_exception=True)
        updated = status_services.status_period_correct(
            actor=_actor(request),
            period=period,
            deciding_authority=incoming.validated_data.get(
                "deciding_authority", period.deciding_authority
            ),
            basis=incoming.validated_data.get("basis", period.basis),
        )
        return Response(s.StatusPeriodOutSerializer(updated).data)


@extend_schema(tags=["shares"])
class ShareViewSet(RegistryViewSet):
    """Shares of records the user may share (their registrant's or the agency office's)."""

    queryset = Share.objects.none()  # for the schema only; reads go through the gate
    serializer_class = s.ShareOutSerializer
    read_perm = change_perm = create_perm = Perm.PERSON_SHARE

    def list(self, request: Request) -> Response:
        rows = (
            access.visible_shares(_actor(request))
            .select_related("organisation", "person", "household")
            .order_by("-created_at", "-id")
        )
        page = self.paginate_queryset(rows)
        items = list(rows if page is None else page)
        data = s.ShareOutSerializer(items, many=True).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    def retrieve(self, request: Request, id: str) -> Response:
        share = access.access_share(reader=_reader(request), public_id=id)
        return Response(s.ShareOutSerializer(share).data)

    @extend_schema(request=s.ShareCreateSerializer, responses={201: s.ShareOutSerializer})
    def create(self, request: Request) -> Response:
        incoming = s.ShareCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        user = _actor(request)
        person = household = None
        if data["person"] is not None:
            person = (
                access.visible_persons(user, Perm.PERSON_SHARE)
                .filter(public_id=data["person"])
                .first()
            )
            if person is None:
                raise Http404
        else:
            household = (
                access.visible_households(user, Perm.PERSON_SHARE)
                .filter(public_id=data["household"])
                .first()
            )
            if household is None:
                raise Http404
        share = shares.share_grant(
            actor=user,
            recipient=data["organisation"],
            agreement=data["agreement"],
            purpose=data["purpose"],
            expires_on=data["expires_on"],
            person=person,
            household=household,
        )
        return Response(s.ShareOutSerializer(share).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: s.ShareOutSerializer})
    @action(detail=True, methods=["post"])
    def revoke(self, request: Request, id: str) -> Response:
        user = _actor(request)
        share = access.access_share_for_change(user=user, public_id=id)
        share = shares.share_revoke(actor=user, share=share)
        return Response(s.ShareOutSerializer(share).data)
