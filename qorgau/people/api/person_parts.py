"""Registry API views of the records that belong to one person (documents, status periods):
visible exactly when the person is, and every read is logged as a read of that person."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from qorgau.audit.services import access_log_record
from qorgau.people import access
from qorgau.people.api import serializers as s
from qorgau.people.fields import FieldGroup
from qorgau.people.lists import person_part_list, person_part_rows
from qorgau.people.models import Document, LegalStatusPeriod
from qorgau.people.services import documents
from qorgau.people.services import status as status_services
from qorgau.web.api import ApiViewSet, acting_organisation, api_reader, api_user


class PersonPartViewSet[M: Document | LegalStatusPeriod](ApiViewSet):
    model: type[M]
    related: tuple[str, ...] = ()
    ordering: tuple[str, ...] = ("person_id", "id")
    read_action = ""
    group: FieldGroup  # the field group the records are (``people/fields.py``)

    @extend_schema(parameters=[OpenApiParameter("person", str, description="Person id")])
    def list(self, request: Request) -> Response:
        rows = person_part_list(
            api_user(request),
            self.model,
            related=self.related,
            ordering=self.ordering,
            person=request.query_params.get("person"),
            group=self.group,
        )
        return self.paginated(
            rows, self.serializer_class, lambda items: [row.person.public_id for row in items]
        )

    def get_row(self, request: Request, id: str) -> M:
        rows = person_part_rows(api_user(request), self.model, self.related, self.group)
        return access.record_or_404(rows, id)

    def retrieve(self, request: Request, id: str) -> Response:
        row = self.get_row(request, id)
        access_log_record(
            reader=api_reader(request),
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
    group = FieldGroup.DOCUMENTS

    @extend_schema(request=s.DocumentCreateSerializer, responses={201: s.DocumentOutSerializer})
    def create(self, request: Request) -> Response:
        incoming = s.DocumentCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        user = api_user(request)
        person = access.access_person_for_change(user=user, public_id=data.pop("person"))
        document = documents.document_add(actor=user, person=person, **data)
        return Response(s.DocumentOutSerializer(document).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.DocumentUpdateSerializer, responses={200: s.DocumentOutSerializer})
    def partial_update(self, request: Request, id: str) -> Response:
        document = self.get_row(request, id)
        user = api_user(request)
        access.access_person_for_change(user=user, public_id=document.person.public_id)
        incoming = s.DocumentUpdateSerializer(data=request.data, partial=True)
        incoming.is_valid(raise_exception=True)
        updated = documents.document_update(
            actor=user, document=document, **incoming.validated_data
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
    group = FieldGroup.LEGAL_STATUS

    @extend_schema(
        request=s.StatusPeriodCreateSerializer, responses={201: s.StatusPeriodOutSerializer}
    )
    def create(self, request: Request) -> Response:
        incoming = s.StatusPeriodCreateSerializer(data=request.data, context={"request": request})
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        organisation = acting_organisation(incoming, data.pop("organisation", None))
        user = api_user(request)
        person = access.access_person_for_change(user=user, public_id=data.pop("person"))
        period = status_services.status_period_record(
            actor=user, organisation=organisation, person=person, **data
        )
        return Response(s.StatusPeriodOutSerializer(period).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=s.StatusPeriodUpdateSerializer, responses={200: s.StatusPeriodOutSerializer}
    )
    def partial_update(self, request: Request, id: str) -> Response:
        period = self.get_row(request, id)
        user = api_user(request)
        access.access_person_for_change(user=user, public_id=period.person.public_id)
        incoming = s.StatusPeriodUpdateSerializer(data=request.data, partial=True)
        incoming.is_valid(raise_exception=True)
        updated = status_services.status_period_correct(
            actor=user, period=period, **incoming.validated_data
        )
        return Response(s.StatusPeriodOutSerializer(updated).data)
