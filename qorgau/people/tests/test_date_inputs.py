"""The date inputs of the person pages hold ISO values in Kazakh and Russian too."""

from __future__ import annotations

import datetime as dt

import pytest
from django import forms
from django.utils import translation

from qorgau.people.forms import DocumentForm, ShareForm, StatusForm

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["kk", "ru"])
@pytest.mark.parametrize(
    ("form_class", "name"),
    [
        (DocumentForm, "issued_on"),
        (DocumentForm, "expires_on"),
        (StatusForm, "effective_from"),
        (ShareForm, "expires_on"),
    ],
)
def test_it_renders_a_date_of_a_person_form_as_iso(
    language: str, form_class: type[forms.Form], name: str
) -> None:
    with translation.override(language):
        html = str(form_class(initial={name: dt.date(2026, 12, 2)})[name])

    assert 'type="date"' in html
    assert 'value="2026-12-02"' in html
