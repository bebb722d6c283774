"""The fixed strings of the public help site's pages (skip link, navigation, footer), in every
language of the site: kk, ru and en through gettext (the catalogues in ``qorgau/locale``), Dari
and Ukrainian here, since Django's catalogues of the interface have no fa or uk (ADR 0048).

The public inquiry form (``qorgau/hotline``) keeps its fa/uk strings in the same shape in
``qorgau/hotline/public_strings.py``; ``tests/test_chrome.py`` checks that every language
here has every key."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from qorgau.help.languages import GETTEXT_LANGUAGES

GETTEXT = {
    "skip": _("Skip to the content"),
    "site": _("Help for refugees and stateless people"),
    "intro": _(
        "Information for people seeking asylum, refugees and stateless people in Kazakhstan. "
        "The help is free and confidential."
    ),
    "topics": _("Help topics"),
    "all_topics": _("All topics"),
    "language": _("Language"),
    "ask": _("Ask a question"),
    "ask_text": _("Write to us: we answer in your language."),
    "partners": _("Partners near you"),
    "hotline": _("Hotline"),
    "phone": _("Phone"),
    "email": _("Email"),
    "hours": _("Opening hours"),
    "weekdays": _("Monday to Friday"),
    "emergency": _("In an emergency call 112."),
    "not_published": _("Not published: only staff see this page."),
    "no_pages": _("No pages in this language yet."),
    "privacy": _("This site sets no tracking cookies and loads nothing from other sites."),
}

DARI = {
    "skip": "رفتن به متن اصلی",
    "site": "کمک برای پناهندگان و افراد بی‌تابعیت",
    "intro": (
        "معلومات برای پناهجویان، پناهندگان و افراد بی‌تابعیت در قزاقستان. "
        "این کمک رایگان و محرمانه است."
    ),
    "topics": "موضوعات کمک",
    "all_topics": "همه موضوعات",
    "language": "زبان",
    "ask": "سؤال بپرسید",
    "ask_text": "به ما بنویسید: ما به زبان شما جواب می‌دهیم.",
    "partners": "همکاران نزدیک شما",
    "hotline": "خط تماس",
    "phone": "تلفون",
    "email": "ایمیل",
    "hours": "ساعات کاری",
    "weekdays": "دوشنبه تا جمعه",
    "emergency": "در حالت اضطراری به شماره ۱۱۲ زنگ بزنید.",
    "not_published": "نشر نشده: این صفحه را تنها کارمندان می‌بینند.",
    "no_pages": "هنوز به این زبان صفحه‌ای وجود ندارد.",
    "privacy": "این سایت کوکی ردیابی نمی‌گذارد و چیزی را از سایت‌های دیگر بار نمی‌کند.",
}

UKRAINIAN = {
    "skip": "Перейти до змісту",
    "site": "Допомога біженцям та особам без громадянства",
    "intro": (
        "Інформація для шукачів притулку, біженців та осіб без громадянства в Казахстані. "
        "Допомога безкоштовна та конфіденційна."
    ),
    "topics": "Теми допомоги",
    "all_topics": "Усі теми",
    "language": "Мова",
    "ask": "Поставити запитання",
    "ask_text": "Напишіть нам: ми відповімо вашою мовою.",
    "partners": "Партнери поруч із вами",
    "hotline": "Гаряча лінія",
    "phone": "Телефон",
    "email": "Електронна пошта",
    "hours": "Години роботи",
    "weekdays": "З понеділка по п'ятницю",
    "emergency": "У надзвичайній ситуації телефонуйте 112.",
    "not_published": "Не опубліковано: цю сторінку бачать лише працівники.",
    "no_pages": "Цією мовою сторінок ще немає.",
    "privacy": (
        "Цей сайт не встановлює файлів cookie для стеження і нічого не завантажує з інших сайтів."
    ),
}

OWN = {"fa": DARI, "uk": UKRAINIAN}


def chrome(language: str) -> dict[str, str]:
    """Every fixed string of the public pages in ``language`` (one of the site's)."""
    if language not in GETTEXT_LANGUAGES:
        return dict(OWN[language])
    with translation.override(language):
        return {key: str(text) for key, text in GETTEXT.items()}
