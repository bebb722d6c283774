from django.urls import path

from qorgau.rights import views

app_name = "rights"

urlpatterns = [
    path("people/<str:public_id>/requests/new/", views.request_new, name="new"),
    path("requests/", views.request_list, name="list"),
    path("requests/<str:public_id>/", views.request_detail, name="detail"),
    path("requests/<str:public_id>/answer/", views.request_answer, name="answer"),
    path("requests/<str:public_id>/anonymise/", views.request_anonymise, name="anonymise"),
    path(
        "requests/<str:public_id>/record.json",
        views.request_export,
        {"format": "json"},
        name="export-json",
    ),
    path(
        "requests/<str:public_id>/record.pdf",
        views.request_export,
        {"format": "pdf"},
        name="export-pdf",
    ),
    path("retention/", views.retention_reports, name="retention"),
]
