"""Case API views: parse, pass the gate, call one service or selector, serialise."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from qorgau.people import access as people_access
from qorgau.procedures import services
from qorgau.procedures.access import access_case, access_case_for_step
from qorgau.procedures.api import serializers as s
from qorgau.procedures.models import Case
from qorgau.procedures.selectors import DUE_FILTERS, case_list, case_page
from qorgau.web.api import ApiViewSet, acting_organisation, api_reader, api_user


@extend_schema(tags=["cases"])
class CaseViewSet(ApiViewSet):
    """Cases visible to the user: those of their organisations, of the agency office's
    country, and those another organisation gave them access to."""

    queryset = Case.objects.none()  # for the schema only; reads go through the gate
    serializer_class = s.CaseSerializer
    object_type = "case"

    @extend_schema(
        parameters=[
            OpenApiParameter("procedure", str),
            OpenApiParameter("stage", str),
            OpenApiParameter("due", str, enum=list(DUE_FILTERS)),
            OpenApiParameter("mine", bool),
            OpenApiParameter("closed", bool, description="Include closed cases"),
        ]
    )
    def list(self, request: Request) -> Response:
        params = request.query_params
        due = params.get("due", "")
        cases = case_list(
            api_user(request),
            today=timezone.localdate(),
            mine=params.get("mine") in ("1", "true"),
            procedure=params.get("procedure", ""),
            stage=params.get("stage", ""),
            due=due if due in DUE_FILTERS else "",
            open_only=params.get("closed") not in ("1", "true"),
        ).select_related("assigned_to")
        return self.paginated(
            cases, s.CaseSerializer, lambda items: [c.public_id for c in items], "case"
        )

    def retrieve(self, request: Request, id: str) -> Response:
        case = access_case(reader=api_reader(request), public_id=id)
        return Response(s.case_page_data(case_page(case, api_user(request), timezone.localdate())))

    @extend_schema(request=s.CaseOpenSerializer, responses={201: s.CaseSerializer})
    def create(self, request: Request) -> Response:
        incoming = s.CaseOpenSerializer(data=request.data, context={"request": request})
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        organisation = acting_organisation(incoming, data.get("organisation"))
        reader = api_reader(request)
        person = household = None
        if data["person"] is not None:
            person = people_access.access_person(reader=reader, public_id=data["person"])
        elif data["household"] is not None:
            household = people_access.access_household(reader=reader, public_id=data["household"])
        case = services.case_open(
            actor=api_user(request),
            organisation=organisation,
            procedure=data["procedure"],
            person=person,
            household=household,
            opened_on=data["opened_on"],
            assigned_to=api_user(request),
        )
        return Response(s.CaseSerializer(case).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.StepInputSerializer, responses={201: s.StepSerializer})
    @action(detail=True, methods=["get", "post"])
    def transitions(self, request: Request, id: str) -> Response:
        """GET: the case's timeline. POST: take a step (refused with 400 naming what is
        missing; the case is unchanged)."""
        if request.method == "GET":
            case = access_case(reader=api_reader(request), public_id=id)
            steps = case.steps.select_related("actor", "organisation", "status_period")
            return Response(s.StepSerializer(steps.prefetch_related("documents"), many=True).data)
        case = access_case_for_step(user=api_user(request), public_id=id)
        incoming = s.StepInputSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        step = services.case_step(
            actor=api_user(request),
            case=case,
            version=incoming.validated_data["version"],
            step=incoming.step_input(),
        )
        return Response(s.StepSerializer(step).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.ExtendSerializer, responses={201: s.StepSerializer})
    @action(detail=True, methods=["post"])
    def extend(self, request: Request, id: str) -> Response:
        return self._manage(request, id, s.ExtendSerializer, services.case_extend)

    @extend_schema(request=s.PauseSerializer, responses={201: s.StepSerializer})
    @action(detail=True, methods=["post"])
    def pause(self, request: Request, id: str) -> Response:
        return self._manage(request, id, s.PauseSerializer, services.case_pause)

    def _manage(self, request: Request, id: str, serializer: Any, service: Any) -> Response:
        case = access_case_for_step(user=api_user(request), public_id=id)
        incoming = serializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        step = service(actor=api_user(request), case=case, **incoming.validated_data)
        return Response(s.StepSerializer(step).data, status=status.HTTP_201_CREATED)
