"""The form of a list export: format, columns (those the user's roles may read) and filters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from qorgau.exports.columns import COLUMNS, Column
from qorgau.exports.models import ExportFormat
from qorgau.people.models.choices import CitizenshipStatus, Sex


class ExportForm(forms.Form):
    format = forms.ChoiceField(
        label=_("File format"),
        choices=ExportFormat.choices,
        initial=ExportFormat.XLSX,
        widget=forms.RadioSelect,
    )
    columns = forms.MultipleChoiceField(
        label=_("Fields"), required=False, widget=forms.CheckboxSelectMultiple
    )
    sex = forms.ChoiceField(
        label=_("Sex"), required=False, choices=[("", _("Everyone")), *Sex.choices]
    )
    citizenship_status = forms.ChoiceField(
        label=_("Citizenship"),
        required=False,
        choices=[("", _("Everyone")), *CitizenshipStatus.choices],
    )

    #: "Export these" on the search page: the search's words and its other filters, carried
    #: through the form; the export then holds exactly the people the search finds.
    q = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)
    country_office = forms.CharField(required=False, max_length=20, widget=forms.HiddenInput)
    registered_by = forms.CharField(required=False, max_length=20, widget=forms.HiddenInput)

    def __init__(self, *args: Any, columns: list[Column], **kwargs: Any) -> None:
        """``columns``: those offered (the user's roles may read them). Any column is accepted
        as input, so that the service refuses the others with its message and security event."""
        super().__init__(*args, **kwargs)
        field = self.fields["columns"]
        assert isinstance(field, forms.MultipleChoiceField)  # noqa: S101 (declared above)
        field.choices = [(column.key, column.label) for column in COLUMNS]
        field.initial = [column.key for column in columns[:4]]
        self.offered = {column.key for column in columns}
