from django.urls import path

from qorgau.procedures import views

app_name = "procedures"

urlpatterns = [
    path("cases/", views.case_list_view, name="list"),
    path("cases/pipeline/", views.pipeline_view, name="pipeline"),
    path("cases/open/<str:public_id>/", views.case_open_view, name="open"),
    path("cases/<str:public_id>/", views.case_detail, name="detail"),
    path("cases/<str:public_id>/step/<str:transition>/", views.case_step_view, name="step"),
    path("cases/<str:public_id>/extend/", views.case_extend_view, name="extend"),
    path("cases/<str:public_id>/pause/", views.case_pause_view, name="pause"),
    path("cases/<str:public_id>/access/", views.case_access_view, name="access"),
    path("cases/<str:public_id>/assign/", views.case_assign_view, name="assign"),
    path(
        "cases/<str:public_id>/access/<str:grant_id>/revoke/",
        views.case_access_revoke_view,
        name="access-revoke",
    ),
]
