"""The shared ``Select`` writes the HTML Django's templates write, option for option."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.utils import translation

from qorgau.web.widgets import Select

CHOICES: list[Any] = [
    ("", "— nobody"),
    (1, "Ann & <Bob>"),
    ('x"y', "quoted 'label'"),
    (1234567, 1234567),
    ("Group <g>", [("a", "A"), ("b", "B")]),
]


@pytest.mark.parametrize("value", [None, "", 1, "1", 'x"y', "b", [1, "a"]])
@pytest.mark.parametrize(
    "attrs", [None, {"id": "id_who", "required": True, "disabled": False, "data-x": "<&>"}]
)
@pytest.mark.parametrize("multiple", [False, True])
def test_it_writes_what_djangos_select_writes(
    value: Any, attrs: dict[str, Any] | None, multiple: bool
) -> None:
    ours, django = (
        (forms.SelectMultiple, forms.SelectMultiple) if multiple else (Select, forms.Select)
    )
    if multiple:
        ours = type("OurSelectMultiple", (Select, forms.SelectMultiple), {})
    for language in ("en", "ru"):
        with translation.override(language):
            expected = django(choices=CHOICES).render("who", value, attrs)
            written = ours(choices=CHOICES).render("who", value, attrs)

            assert written == expected


def test_a_model_choice_field_writes_the_same() -> None:
    from qorgau.organisations.models import Organisation

    class Pick(forms.Form):
        organisation = forms.ModelChoiceField(queryset=Organisation.objects.none())

    form = Pick(initial={"organisation": 3})
    field = form.fields["organisation"]
    field.choices = [("", "---------"), (3, "Three"), (4, "Four")]
    expected = str(form["organisation"])
    field.widget = Select(choices=field.choices)

    assert str(form["organisation"]) == expected
