"""The forms of the web import: the upload, the mapping of columns to fields, the run."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from qorgau.imports import errors
from qorgau.imports.documents import DOCUMENT_FIELDS
from qorgau.imports.mapping import FIELDS
from qorgau.imports.readers import MB
from qorgau.organisations.models import Organisation


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("CSV, XLSX, or a KoboToolbox export (XLSX or JSON)."),
        error_messages={"required": errors.FILE_REQUIRED},
        widget=forms.FileInput(
            attrs={"aria-describedby": "file-help", "accept": ".csv,.tsv,.txt,.xlsx,.json"}
        ),
    )
    organisation = forms.ModelChoiceField(
        label=_("Import for"),
        queryset=Organisation.objects.none(),
        empty_label=None,
        required=False,  # the user's only organisation when they register for one
    )

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 (declared above)
        field.queryset = self.organisations = organisations
        self.several = organisations.count() > 1

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        limit = settings.IMPORT_MAX_FILE_MB
        if (upload.size or 0) > limit * MB:
            raise forms.ValidationError(errors.TOO_LARGE, params={"limit": limit})
        return upload

    def clean_organisation(self) -> Organisation | None:
        chosen: Organisation | None = self.cleaned_data.get("organisation")
        return chosen or self.organisations.first()


class MappingForm(forms.Form):
    name = forms.CharField(
        label=_("Save this mapping as"),
        max_length=100,
        help_text=_("Saved for your organisation, to choose it again for the next file."),
    )

    def __init__(
        self, *args: Any, columns: list[str], chosen: dict[str, str], **kwargs: Any
    ) -> None:
        """One choice of field for each column of the file, ``chosen`` filled in."""
        super().__init__(*args, **kwargs)
        # A file of people fills the first group's fields, a file of documents the second's
        # (``mapping_check`` refuses a mix); the person's own id is in both.
        choices: list[Any] = [
            ("", _("(not imported)")),
            (_("People"), list(FIELDS.items())),
            (_("Documents"), [(k, v) for k, v in DOCUMENT_FIELDS.items() if k != "source_id"]),
        ]
        self.columns = columns
        for index, column in enumerate(columns):
            self.fields[f"column_{index}"] = forms.ChoiceField(
                label=column, choices=choices, required=False, initial=chosen.get(column, "")
            )

    def column_fields(self) -> list[forms.BoundField]:
        return [self[f"column_{index}"] for index in range(len(self.columns))]

    def mapped(self) -> dict[str, str]:
        return {c: self.cleaned_data.get(f"column_{i}", "") for i, c in enumerate(self.columns)}


class RunForm(forms.Form):
    skip_invalid = forms.BooleanField(
        label=_("Skip invalid rows"),
        required=False,
        help_text=_(
            "Import the valid rows and list the others in an error report. Without this, one "
            "invalid row stops the whole file and nothing is stored."
        ),
    )
