"""Registry API views of households: parse, pass the gate, call one service or selector,
serialise."""

from __future__ import annotations

from typing import Any, ClassVar

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from qorgau.errors import NotFound
from qorgau.organisations.models import User
from qorgau.people import access
from qorgau.people.api import serializers as s
from qorgau.people.fields import field_policies
from qorgau.people.lists import household_list, household_members
from qorgau.people.models import Household, Person
from qorgau.people.services import households
from qorgau.web.api import ApiViewSet, acting_organisation, api_reader, api_user


@extend_schema(tags=["households"])
class HouseholdViewSet(ApiViewSet):
    queryset = Household.objects.none()  # for the schema only; reads go through the gate
    serializer_class = s.HouseholdOutSerializer
    write_actions: ClassVar[frozenset[str]] = ApiViewSet.write_actions | {
        "add_member",
        "remove_member",
        "change_principal",
    }

    def _out(self, request: Request, items: list[Household]) -> Any:
        """The households as the API shows them, with the members the user may see (their
        reads logged: each member's name and relationship are shown)."""
        user = api_user(request)
        members = household_members(user, items)
        everyone = [person for group in members.values() for person in group]
        access.members_shown(reader=api_reader(request), members=everyone)
        context = {"visible_members": members, "policies": field_policies(user, everyone)}
        return s.HouseholdOutSerializer(items, many=True, context=context).data

    def list(self, request: Request) -> Response:
        return self.paginated(
            household_list(api_user(request)),
            lambda items: self._out(request, items),
            lambda items: [h.public_id for h in items],
            object_type="household",
        )

    def retrieve(self, request: Request, id: str) -> Response:
        household = access.access_household(reader=api_reader(request), public_id=id)
        return Response(self._out(request, [household])[0])

    @extend_schema(request=s.HouseholdCreateSerializer, responses={201: s.HouseholdOutSerializer})
    def create(self, request: Request) -> Response:
        incoming = s.HouseholdCreateSerializer(data=request.data, context={"request": request})
        incoming.is_valid(raise_exception=True)
        organisation = acting_organisation(incoming, incoming.validated_data.get("organisation"))
        user = api_user(request)
        members = [
            (access.access_person_for_change(user=user, public_id=m["person"]), m["relationship"])
            for m in incoming.validated_data["members"]
        ]
        household = households.household_create(
            actor=user, organisation=organisation, members=members
        )
        return Response(self._out(request, [household])[0], status=status.HTTP_201_CREATED)

    @extend_schema(request=s.HouseholdMemberSerializer, responses={200: s.HouseholdOutSerializer})
    @action(detail=True, methods=["post"], url_path="members")
    def add_member(self, request: Request, id: str) -> Response:
        user, household, person, data = self._member_change(
            request, id, s.HouseholdMemberSerializer
        )
        households.household_member_add(
            actor=user, household=household, person=person, relationship=data["relationship"]
        )
        return Response(self._out(request, [household])[0])

    def _member_change(
        self, request: Request, id: str, serializer: type[serializers.Serializer[Any]]
    ) -> tuple[User, Household, Person, dict[str, Any]]:
        """The household and the person a change names, both ones the user may change, and
        the parsed request."""
        user = api_user(request)
        household = access.access_household_for_change(user=user, public_id=id)
        incoming = serializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        person = access.access_person_for_change(user=user, public_id=data["person"])
        return user, household, person, data

    @extend_schema(
        request=None,
        responses={200: s.HouseholdOutSerializer},
        parameters=[OpenApiParameter("person_id", OpenApiTypes.UUID, OpenApiParameter.PATH)],
    )
    @action(detail=True, methods=["delete"], url_path=r"members/(?P<person_id>[^/.]+)")
    def remove_member(self, request: Request, id: str, person_id: str) -> Response:
        user = api_user(request)
        household = access.access_household_for_change(user=user, public_id=id)
        person = access.access_person_for_change(user=user, public_id=person_id)
        if person.household_id != household.pk:
            raise NotFound
        households.household_member_remove(actor=user, person=person)
        return Response(self._out(request, [household])[0])

    @extend_schema(
        request=s.HouseholdPrincipalSerializer, responses={200: s.HouseholdOutSerializer}
    )
    @action(detail=True, methods=["post"], url_path="principal")
    def change_principal(self, request: Request, id: str) -> Response:
        user, household, person, data = self._member_change(
            request, id, s.HouseholdPrincipalSerializer
        )
        if person.household_id != household.pk:
            raise NotFound
        households.household_principal_change(
            actor=user,
            household=household,
            person=person,
            former_principal_relationship=data["former_principal_relationship"],
            expected_version=data.get("version"),
        )
        household.refresh_from_db()
        return Response(self._out(request, [household])[0])
