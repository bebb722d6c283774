from django.urls import path

from qorgau.imports import views

app_name = "imports"

urlpatterns = [
    path("imports/", views.import_list, name="list"),
    path("imports/held/", views.held_rows, name="held"),
    path("imports/held/<str:public_id>/decide/", views.held_row_decide, name="held-decide"),
    path("imports/<str:public_id>/", views.import_detail, name="detail"),
    path("imports/<str:public_id>/map/", views.import_map, name="map"),
    path("imports/<str:public_id>/preview/", views.import_preview, name="preview"),
    path("imports/<str:public_id>/rerun/", views.import_rerun, name="rerun"),
    path(
        "imports/<str:public_id>/errors.csv",
        views.import_report,
        {"format": "csv"},
        name="report-csv",
    ),
    path(
        "imports/<str:public_id>/errors.xlsx",
        views.import_report,
        {"format": "xlsx"},
        name="report-xlsx",
    ),
]
