"""One error hierarchy (ADR 0021): what each domain error is, and how the API and the pages
answer it, each in one place."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.test import RequestFactory
from django.utils import translation
from rest_framework.exceptions import NotFound as ApiNotFound

from qorgau.errors import DomainError, Invalid, NotAllowed, NotFound, StaleVersion
from qorgau.organisations.models import User
from qorgau.people import errors
from qorgau.web.api_errors import exception_handler
from qorgau.web.errors import DomainErrorMiddleware

pytestmark = pytest.mark.django_db


def test_each_error_is_the_django_exception_that_meant_the_same_before() -> None:
    assert isinstance(NotAllowed(errors.NO_PERMISSION), PermissionDenied)
    assert isinstance(NotFound(), Http404)
    assert isinstance(Invalid(errors.REQUIRED, field="version"), ValidationError)
    assert isinstance(errors.StaleVersionError(current_version=2), StaleVersion)
    assert all(
        issubclass(cls, DomainError) for cls in (NotAllowed, NotFound, Invalid, StaleVersion)
    )


def test_it_keeps_a_stable_code_and_translates_the_message_when_shown() -> None:
    refused = NotAllowed(errors.NO_PERMISSION, code="no_permission")

    with translation.override("ru"):
        russian = str(refused), str(errors.NO_PERMISSION)
    with translation.override("en"):
        english = str(refused)
    assert refused.code == "no_permission"
    assert russian[0] == russian[1] != english


def test_an_invalid_field_reads_as_a_validation_error_of_that_field() -> None:
    invalid = Invalid(errors.UNKNOWN_CODE, code="unknown", field="sex", params={"code": "Q"})

    assert invalid.message_dict == {"sex": [str(errors.UNKNOWN_CODE) % {"code": "Q"}]}
    assert invalid.error_dict["sex"][0].code == "unknown"
    assert str(invalid) == str(errors.UNKNOWN_CODE) % {"code": "Q"}


@pytest.mark.parametrize(
    ("error", "status", "body"),
    [
        (
            errors.StaleVersionError(current_version=4),
            409,
            {"detail": str(errors.STALE_VERSION), "current_version": 4},
        ),
        (NotAllowed(errors.NO_PERMISSION), 403, {"detail": str(errors.NO_PERMISSION)}),
        (NotFound(), 404, {"detail": str(ApiNotFound.default_detail)}),
        (Invalid(errors.REQUIRED, field="version"), 400, {"version": [str(errors.REQUIRED)]}),
        (Invalid(errors.NO_PRINCIPAL), 400, {"non_field_errors": [str(errors.NO_PRINCIPAL)]}),
    ],
)
def test_the_api_answers_each_error_with_its_status_and_message(
    error: DomainError, status: int, body: dict[str, object]
) -> None:
    response = exception_handler(error, {})

    assert response is not None
    assert (response.status_code, response.data) == (status, body)


def _page_request(user: User) -> object:
    request = RequestFactory().get("/")
    request.user = user
    request.LANGUAGE_CODE = "en"
    return request


def test_a_page_that_lets_a_stale_version_through_shows_its_message_with_409(
    clerk: User,
) -> None:
    middleware = DomainErrorMiddleware(lambda request: None)  # type: ignore[arg-type,return-value]

    response = middleware.process_exception(
        _page_request(clerk),  # type: ignore[arg-type]
        errors.StaleVersionError(current_version=2),
    )

    assert response is not None
    assert response.status_code == 409
    assert str(errors.STALE_VERSION) in response.content.decode()


def test_pages_leave_403_and_404_to_djangos_own_pages(clerk: User) -> None:
    middleware = DomainErrorMiddleware(lambda request: None)  # type: ignore[arg-type,return-value]
    request = _page_request(clerk)

    assert middleware.process_exception(request, NotAllowed(errors.NO_PERMISSION)) is None  # type: ignore[arg-type]
    assert middleware.process_exception(request, NotFound()) is None  # type: ignore[arg-type]
    assert middleware.process_exception(request, ValueError()) is None  # type: ignore[arg-type]
