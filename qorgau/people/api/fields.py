"""Serializer fields shared by the registry API."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from qorgau.organisations.models import Organisation
from qorgau.people.dates import PartialDate
from qorgau.reference.models import Country, Region
from qorgau.web.api import CodeField


class CountryField(CodeField[Country]):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("queryset", Country.objects.all())
        kwargs.setdefault("required", False)
        kwargs.setdefault("allow_null", True)
        super().__init__(slug_field="iso3", **kwargs)


class RegionField(CodeField[Region]):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("queryset", Region.objects.all())
        kwargs.setdefault("required", False)
        kwargs.setdefault("allow_null", True)
        super().__init__(slug_field="code", **kwargs)


class OrganisationField(CodeField[Organisation]):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("allow_null", True)
        super().__init__(slug_field="code", queryset=Organisation.objects.all(), **kwargs)


class NameField(serializers.CharField):
    """A name sent as a JSON string: a number is refused instead of becoming the name "123"."""

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class PartialDateField(serializers.CharField):
    """``YYYY-MM-DD``, ``DD.MM.YYYY``, ``YYYY-MM`` or ``YYYY``; what is not known stays out."""

    def to_internal_value(self, data: Any) -> PartialDate:  # type: ignore[override]
        text = super().to_internal_value(data)
        try:
            return PartialDate.parse(text)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages) from exc

    def run_validation(self, data: Any = serializers.empty) -> Any:
        # DRF's CharField returns a blank string as it is, without to_internal_value: "" is the
        # unknown date, as when the field is left out (the API's own output for an unknown date).
        value = super().run_validation(data)
        return PartialDate.parse(value) if isinstance(value, str) else value

    def get_default(self) -> Any:
        # DRF does not parse defaults: an omitted date must be a PartialDate too, not "".
        default = super().get_default()
        return PartialDate.parse(default) if isinstance(default, str) else default
