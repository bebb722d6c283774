from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from qorgau.reference.models import Country
from qorgau.statistics.inputs import LANGUAGES
from qorgau.statistics.models import Block
from qorgau.web.widgets import DateInput


class FiguresForm(forms.Form):
    country = forms.ChoiceField(label=_("Country"))
    as_of = forms.DateField(label=_("As of"), widget=DateInput)

    def __init__(self, *args: Any, countries: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["country"]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101
        names = {c.iso3: c.name for c in Country.objects.filter(iso3__in=countries)}
        field.choices = [(c, names.get(c, c)) for c in countries]


class FactSheetForm(FiguresForm):
    funding_as_of = forms.DateField(label=_("Funding as of"), required=False, widget=DateInput)
    lang = forms.ChoiceField(label=_("Language"), choices=[])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["lang"]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101
        field.choices = [(c, get_language_info(c)["name_local"]) for c in LANGUAGES]


class FactSheetTextsForm(forms.Form):
    """One text area per narrative block of the fact sheet, in one language."""

    def __init__(self, *args: Any, initial_texts: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for block, label in Block.choices:
            self.fields[block] = forms.CharField(
                label=label, required=False, initial=initial_texts.get(block, ""),
                widget=forms.Textarea(attrs={"rows": 4}),
            )  # fmt: skip
