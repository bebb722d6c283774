"""Numbers typed as people write them in each language (``web.forms.DecimalTextField``)."""

from __future__ import annotations

import pytest
from django import forms
from django.utils.translation import override

from qorgau.web.forms import DecimalTextField


class _Form(forms.Form):
    amount = DecimalTextField(max_length=40)


@pytest.mark.parametrize(
    ("language", "typed", "read"),
    [
        ("ru", "0,5", "0.5"),
        ("ru", "1\u00a0234,50", "1234.50"),
        ("kk", "470,25", "470.25"),
        ("kk", "0.92", "0.92"),
        ("ru", "1 234", "1234"),
        ("ru", "1,2,3", "1,2,3"),  # not a number: left for the service to refuse
        ("en", "1,234.5", "1234.5"),
        ("en", "1,234,567", "1234567"),
        ("en", "0.5", "0.5"),
        ("en", "1,5", "1,5"),  # never guessed into 15 or 1.5
    ],
)
def test_it_reads_the_number_as_written_in_the_language(
    language: str, typed: str, read: str
) -> None:
    with override(language):
        form = _Form({"amount": typed})
        assert form.is_valid()
    assert form.cleaned_data["amount"] == read
