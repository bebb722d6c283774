"""The API of data-subject requests (``/api/v1/requests/``): parse, pass the rights gate, call
one service or selector, serialise. Like the pages, it is open to the organisations that may
change the person (a share is view-only by every path, so it neither sees nor records a
request); another organisation's request is a 404, as one that does not exist."""

from __future__ import annotations

from typing import Any, ClassVar

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from qorgau.organisations.permissions import Perm
from qorgau.people.access import access_person_for_change
from qorgau.rights.access import access_request, access_request_for_change, visible_requests
from qorgau.rights.models import ReceivedVia, RequestKind, RequestStatus, SubjectRequest
from qorgau.rights.services.requests import subject_request_answer, subject_request_record
from qorgau.web.api import ApiViewSet, api_reader, api_user

#: The longest answer the API takes (the page's text area has no other bound).
ANSWER_MAX_LENGTH = 10_000


class SubjectRequestSerializer(serializers.ModelSerializer[SubjectRequest]):
    id = serializers.UUIDField(source="public_id", read_only=True)
    person: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="public_id", read_only=True
    )
    organisation: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = SubjectRequest
        fields = [
            "id",
            "person",
            "organisation",
            "kind",
            "received_on",
            "received_via",
            "due_on",
            "status",
            "answer",
            "answered_on",
            "overdue",
            "version",
            "created_at",
        ]
        read_only_fields = fields

    def get_overdue(self, request: SubjectRequest) -> bool:
        """Still open after the day its answer was due."""
        return request.is_open and request.due_on < timezone.localdate()


class SubjectRequestCreateSerializer(serializers.Serializer[Any]):
    person = serializers.UUIDField(help_text="The person the request is about.")
    kind = serializers.ChoiceField(choices=RequestKind.choices)
    received_on = serializers.DateField()
    received_via = serializers.ChoiceField(choices=ReceivedVia.choices)


class SubjectRequestAnswerSerializer(serializers.Serializer[Any]):
    version = serializers.IntegerField(
        min_value=0,
        max_value=2**31 - 1,
        help_text="The request's version the answer is based on (refused with 409 if changed).",
    )
    answer = serializers.CharField(max_length=ANSWER_MAX_LENGTH)
    answered_on = serializers.DateField()


@extend_schema(tags=["requests"])
class SubjectRequestViewSet(ApiViewSet):
    """Data-subject requests (access, correction, deletion, objection) of the people the user
    may change, each with the legal deadline of its answer."""

    queryset = SubjectRequest.objects.none()  # for the schema only; reads go through the gate
    serializer_class = SubjectRequestSerializer
    read_perm = change_perm = create_perm = Perm.PERSON_CHANGE
    write_actions: ClassVar[frozenset[str]] = ApiViewSet.write_actions | {"answer"}

    @extend_schema(
        parameters=[OpenApiParameter("status", str, enum=list(RequestStatus.values))],
    )
    def list(self, request: Request) -> Response:
        """The earliest deadline first; the read of each request's person is logged."""
        rows = visible_requests(api_user(request)).select_related("person", "organisation")
        wanted = request.query_params.get("status", "")
        if wanted in RequestStatus.values:
            rows = rows.filter(status=wanted)
        return self.paginated(
            rows.order_by("due_on", "id"),
            SubjectRequestSerializer,
            lambda items: list(dict.fromkeys(r.person.public_id for r in items)),
        )

    def retrieve(self, request: Request, id: str) -> Response:
        subject_request = access_request(reader=api_reader(request), public_id=id)
        return Response(SubjectRequestSerializer(subject_request).data)

    @extend_schema(
        request=SubjectRequestCreateSerializer, responses={201: SubjectRequestSerializer}
    )
    def create(self, request: Request) -> Response:
        """Record a request of a person the user may change (404 for anyone else's)."""
        incoming = SubjectRequestCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        user = api_user(request)
        person = access_person_for_change(user=user, public_id=data.pop("person"))
        recorded = subject_request_record(actor=user, person=person, **data)
        return Response(SubjectRequestSerializer(recorded).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=SubjectRequestAnswerSerializer, responses={200: SubjectRequestSerializer}
    )
    @action(detail=True, methods=["post"])
    def answer(self, request: Request, id: str) -> Response:
        """Mark the request answered, with the answer given and its date (once)."""
        user = api_user(request)
        subject_request = access_request_for_change(user=user, public_id=id)
        incoming = SubjectRequestAnswerSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        answered = subject_request_answer(
            actor=user, request=subject_request, **incoming.validated_data
        )
        return Response(SubjectRequestSerializer(answered).data)
