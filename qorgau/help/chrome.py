"""The fixed strings of the public help site's pages (skip link, navigation, footer), in every
language of the site: kk, ru and en through gettext (the catalogues in ``qorgau/locale``), Dari
and Ukrainian here, since Django's catalogues of the interface have no fa or uk (ADR 0048).

The public inquiry form (``/help/<lang>/ask/``, served by ``qorgau/hotline`` in this site's
frame) keeps its own words here too: its kk/ru/en ones are gettext constants in
``qorgau/hotline/public_text.py`` (they name the ticket's topics), its Dari and Ukrainian ones
below, keyed as those constants (``FORM_OWN``). One home for every fa/uk string of the public
side; ``help/tests/test_chrome.py`` and ``hotline/tests/test_public_form.py`` check that every
key exists in fa and uk."""

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

# --- the inquiry form's own words (keys of ``hotline.public_text.TEXT``) ------------------

FORM_DARI: dict[str, str] = {
    "title": "پرسش از خط تماس",
    "intro": (
        "سوال خود را بنویسید و بگویید چگونه با شما تماس بگیریم. به حساب کاربری نیاز ندارید. "
        "ما به زبانی که انتخاب می‌کنید پاسخ می‌دهیم."
    ),
    "privacy": (
        "ما آدرس انترنتی شما را همراه با سوال تان نگه نمی‌داریم. تنها کارمندان خط تماس آن را "
        "می‌خوانند."
    ),
    "question": "سوال شما",
    "topic": "موضوع",
    "language": "زبان پاسخ",
    "contact_method": "چگونه با شما تماس بگیریم؟",
    "contact_value": "شماره تلفون، آدرس ایمیل یا نام در پیام‌رسان",
    "name": "نام شما (اختیاری)",
    "website": "این خانه را خالی بگذارید",
    "send": "ارسال سوال",
    "errors_title": "سوال ارسال نشد. لطفاً اصلاح کنید:",
    "sent_title": "سوال شما دریافت شد",
    "sent_reference": "شماره مرجع شما:",
    "sent_hint": (
        "هنگام تماس با خط تماس این شماره را بگویید. آن را یادداشت کنید: دوباره نشان داده نمی‌شود."
    ),
    "ask_again": "سوال دیگری بپرسید",
    "err_required": "این خانه را پر کنید.",
    "err_too_long": "حداکثر %(limit)s حرف بنویسید.",
    "err_markup": "متن ساده بنویسید، بدون برچسب‌های HTML مانند <script>.",
    "err_choice": "یک گزینه از فهرست انتخاب کنید.",
    "err_too_fast": "فورم خیلی سریع ارسال شد. سوال خود را بررسی کنید و دوباره ارسال کنید.",
    "err_expired": "مدت فورم تمام شده است. سوال خود را بررسی کنید و دوباره ارسال کنید.",
    "err_honeypot": "این خانه باید خالی بماند.",
    "err_too_many": (
        "از اینجا سوال‌های زیادی ارسال شده است. لطفاً بعداً دوباره کوشش کنید یا به خط تماس زنگ بزنید."
    ),
    "err_too_large": "سوال برای ارسال خیلی بزرگ است. لطفاً آن را کوتاه کنید.",
    "err_closed": "فورم پرسش در حال حاضر سوال نمی‌پذیرد. لطفاً به خط تماس زنگ بزنید.",
    "topic_asylum": "پناهندگی",
    "topic_statelessness": "بی‌تابعیتی",
    "topic_documents": "اسناد",
    "topic_birth_registration": "ثبت تولد",
    "topic_health": "صحت",
    "topic_education": "تعلیم و تربیه",
    "topic_work": "کار",
    "topic_social_assistance": "کمک‌های اجتماعی",
    "topic_border": "در سرحد",
    "topic_other": "دیگر",
    "contact_phone": "تلفون",
    "contact_email": "ایمیل",
    "contact_messenger": "پیام‌رسان",
}

FORM_UKRAINIAN: dict[str, str] = {
    "title": "Запитайте гарячу лінію",
    "intro": (
        "Напишіть своє запитання і як з вами зв’язатися. Обліковий запис не потрібен. Ми "
        "відповідаємо мовою, яку ви оберете."
    ),
    "privacy": (
        "Ми не зберігаємо вашу інтернет-адресу разом із запитанням. Його читають лише "
        "працівники гарячої лінії."
    ),
    "question": "Ваше запитання",
    "topic": "Тема",
    "language": "Мова відповіді",
    "contact_method": "Як з вами зв’язатися?",
    "contact_value": "Номер телефону, електронна адреса або ім’я в месенджері",
    "name": "Ваше ім’я (необов’язково)",
    "website": "Залиште це поле порожнім",
    "send": "Надіслати запитання",
    "errors_title": "Запитання не надіслано. Будь ласка, виправте:",
    "sent_title": "Ваше запитання отримано",
    "sent_reference": "Ваш номер звернення:",
    "sent_hint": (
        "Назвіть цей номер, коли телефонуватимете на гарячу лінію. Запишіть його: він більше "
        "не буде показаний."
    ),
    "ask_again": "Поставити інше запитання",
    "err_required": "Заповніть це поле.",
    "err_too_long": "Напишіть не більше %(limit)s символів.",
    "err_markup": "Пишіть звичайним текстом, без HTML-тегів, як-от <script>.",
    "err_choice": "Виберіть значення зі списку.",
    "err_too_fast": "Форму надіслано надто швидко. Перевірте запитання і надішліть його ще раз.",
    "err_expired": "Термін дії форми минув. Перевірте запитання і надішліть його ще раз.",
    "err_honeypot": "Це поле має залишатися порожнім.",
    "err_too_many": (
        "Звідси надіслано забагато запитань. Спробуйте пізніше або зателефонуйте на гарячу лінію."
    ),
    "err_too_large": "Запитання завелике для надсилання. Будь ласка, скоротіть його.",
    "err_closed": "Форма зараз не приймає запитань. Будь ласка, зателефонуйте на гарячу лінію.",
    "topic_asylum": "Притулок",
    "topic_statelessness": "Безгромадянство",
    "topic_documents": "Документи",
    "topic_birth_registration": "Реєстрація народження",
    "topic_health": "Здоров’я",
    "topic_education": "Освіта",
    "topic_work": "Робота",
    "topic_social_assistance": "Соціальна допомога",
    "topic_border": "На кордоні",
    "topic_other": "Інше",
    "contact_phone": "Телефон",
    "contact_email": "Електронна пошта",
    "contact_messenger": "Месенджер",
}

FORM_OWN: dict[str, dict[str, str]] = {"fa": FORM_DARI, "uk": FORM_UKRAINIAN}


def chrome(language: str) -> dict[str, str]:
    """Every fixed string of the public pages in ``language`` (one of the site's)."""
    if language not in GETTEXT_LANGUAGES:
        return dict(OWN[language])
    with translation.override(language):
        return {key: str(text) for key, text in GETTEXT.items()}
