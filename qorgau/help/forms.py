"""The staff's form of a help page, and the public partners' filter."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from qorgau.help import errors
from qorgau.help.languages import HelpLanguage
from qorgau.help.services import BODY_MAX_CHARS


class HelpPageForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language"),
        choices=HelpLanguage.choices,
        error_messages={"invalid_choice": errors.UNKNOWN_LANGUAGE},
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        error_messages={"required": errors.NO_TITLE},
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )
    slug = forms.CharField(
        label=_("Address"),
        max_length=80,
        help_text=_("The last part of the page's address: /help/<language>/<address>/"),
        error_messages={"required": errors.BAD_SLUG},
    )
    position = forms.IntegerField(label=_("Order"), min_value=0, max_value=32767, initial=0)
    body = forms.CharField(
        label=_("Text"),
        required=False,
        strip=False,
        help_text=_(
            "Markdown: ## heading, **bold**, - list item, [link](https://…). HTML, scripts "
            "and pictures are removed."
        ),
        widget=forms.Textarea(attrs={"rows": 18, "dir": "auto"}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, initial=0)

    def __init__(self, *args: Any, creating: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not creating:
            del self.fields["language"]

    def clean_body(self) -> str:
        body: str = self.cleaned_data["body"]
        if len(body) > BODY_MAX_CHARS:
            raise ValidationError(
                errors.TOO_LONG, code="too_long", params={"limit": BODY_MAX_CHARS}
            )
        return body

    def add_service_errors(self, error: ValidationError) -> None:
        """Show a service's field errors beside the fields."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for name, problems in error.error_dict.items():
            self.add_error(name if name in self.fields else None, problems)


class PartnerFilterForm(forms.Form):
    region = forms.ChoiceField(label=_("Region"), required=False)
    service = forms.ChoiceField(label=_("Service"), required=False)

    def __init__(self, *args: Any, regions: list[Any], services: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        region = self.fields["region"]
        service = self.fields["service"]
        assert isinstance(region, forms.ChoiceField)  # noqa: S101 (a programming error)
        assert isinstance(service, forms.ChoiceField)  # noqa: S101
        region.choices = [("", _("Any region")), *((r.code, r.name) for r in regions)]
        service.choices = [("", _("Any service")), *((s.code, s.name) for s in services)]
