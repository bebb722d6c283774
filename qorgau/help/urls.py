from django.urls import path, register_converter

from qorgau.help import views


class LanguageConverter:
    """A language of the help site."""

    regex = "kk|ru|en|fa|uk"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class TopicConverter:
    """A page's address; never ``ask`` or ``partners``, the site's own pages (the inquiry form
    of ``qorgau/hotline`` and the partners' list), whichever app's routes come first."""

    regex = "(?!(?:ask|partners)/)[a-z0-9]+(?:-[a-z0-9]+)*"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(LanguageConverter, "help_language")
register_converter(TopicConverter, "help_topic")

app_name = "help"

urlpatterns = [
    path("help/", views.public_root, name="root"),
    path("help/<help_language:language>/", views.public_index, name="index"),
    path("help/<help_language:language>/partners/", views.public_partners, name="partners"),
    path("help/<help_language:language>/<help_topic:slug>/", views.public_page, name="page"),
    path("help-pages/", views.page_list, name="list"),
    path("help-pages/new/", views.page_new, name="new"),
    path("help-pages/<str:public_id>/", views.page_edit, name="edit"),
    path("help-pages/<str:public_id>/publish/", views.page_publish, name="publish"),
    path("help-pages/<str:public_id>/history/", views.page_history, name="history"),
    path("help-pages/<str:public_id>/restore/", views.page_restore, name="restore"),
]
