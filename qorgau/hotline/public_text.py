"""The public inquiry form's own words, by key, in the help site's five languages.

Kazakh, Russian and English come from the gettext catalogues (the constants below); Dari and
Ukrainian, which the staff interface does not offer, from the help site's
``qorgau/help/chrome.py`` (``FORM_OWN``), the one home of the public side's fa/uk strings.
``test_public_form`` fails on a key missing in any language.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from qorgau.help.chrome import FORM_OWN
from qorgau.hotline.models import ContactMethod, Topic

#: The help site's languages: the URL's code and the page's ``lang`` and direction.
LANGUAGES: dict[str, tuple[str, str]] = {
    "kk": ("kk", "ltr"),
    "ru": ("ru", "ltr"),
    "en": ("en", "ltr"),
    "fa": ("fa-AF", "rtl"),
    "uk": ("uk", "ltr"),
}
GETTEXT_LANGUAGES = ("kk", "ru", "en")

TEXT = {
    "title": _("Ask the hotline"),
    "intro": _(
        "Write your question and how we can reach you. You need no account. We answer in the "
        "language you choose."
    ),
    "privacy": _(
        "We do not keep your internet address with your question. Only hotline staff read it."
    ),
    "question": _("Your question"),
    "topic": _("Topic"),
    "language": _("Language of the answer"),
    "contact_method": _("How should we contact you?"),
    "contact_value": _("Phone number, email address or messenger name"),
    "name": _("Your name (optional)"),
    "website": _("Leave this field empty"),
    "send": _("Send the question"),
    "errors_title": _("The question was not sent. Please correct:"),
    "sent_title": _("Your question was received"),
    "sent_reference": _("Your reference number:"),
    "sent_hint": _(
        "Quote this number when you call the hotline. Write it down: it is not shown again."
    ),
    "ask_again": _("Ask another question"),
    "err_required": _("Fill in this field."),
    "err_too_long": _("Write at most %(limit)s characters."),
    "err_markup": _("Write plain text, without HTML tags such as <script>."),
    "err_choice": _("Choose a value from the list."),
    "err_too_fast": _("The form was sent too quickly. Check your question and send it again."),
    "err_expired": _("The form has expired. Check your question and send it again."),
    "err_honeypot": _("This field must stay empty."),
    "err_too_many": _(
        "Too many questions were sent from here. Please try again later or call the hotline."
    ),
    "err_too_large": _("The question is too large to send. Please shorten it."),
    "err_closed": _("The inquiry form cannot take questions now. Please call the hotline."),
    "topic_" + Topic.ASYLUM: Topic.ASYLUM.label,
    "topic_" + Topic.STATELESSNESS: Topic.STATELESSNESS.label,
    "topic_" + Topic.DOCUMENTS: Topic.DOCUMENTS.label,
    "topic_" + Topic.BIRTH_REGISTRATION: Topic.BIRTH_REGISTRATION.label,
    "topic_" + Topic.HEALTH: Topic.HEALTH.label,
    "topic_" + Topic.EDUCATION: Topic.EDUCATION.label,
    "topic_" + Topic.WORK: Topic.WORK.label,
    "topic_" + Topic.SOCIAL_ASSISTANCE: Topic.SOCIAL_ASSISTANCE.label,
    "topic_" + Topic.BORDER: Topic.BORDER.label,
    "topic_" + Topic.OTHER: Topic.OTHER.label,
    "contact_" + ContactMethod.PHONE: pgettext_lazy("contact by", "Phone"),
    "contact_" + ContactMethod.EMAIL: pgettext_lazy("contact by", "Email"),
    "contact_" + ContactMethod.MESSENGER: pgettext_lazy("contact by", "Messenger"),
}

#: The choices the public form offers (no "no contact": the visitor must be reachable).
PUBLIC_CONTACT_METHODS = (ContactMethod.PHONE, ContactMethod.EMAIL, ContactMethod.MESSENGER)


def public_text(language: str) -> dict[str, str]:
    """Every key of ``TEXT`` in ``language`` (one of ``LANGUAGES``)."""
    if language in GETTEXT_LANGUAGES:
        with translation.override(language):
            return {key: str(message) for key, message in TEXT.items()}
    return dict(FORM_OWN[language])
