from django.urls import path

from qorgau.funding import views

app_name = "funding"

urlpatterns = [
    path("funding/", views.overview, name="overview"),
    path("funding/charts/<str:name>.csv", views.chart_data, name="chart_data"),
    path("funding/contributions/new/", views.contribution_new, name="contribution_new"),
    path("funding/rates/new/", views.rate_new, name="rate_new"),
    path("funding/rates/<str:public_id>/", views.rate_correct, name="rate_correct"),
    path("funding/donors/new/", views.donor_new, name="donor_new"),
    path("funding/donors/<str:public_id>/", views.donor_edit, name="donor_edit"),
    path("funding/donors/<str:public_id>/remove/", views.donor_remove, name="donor_remove"),
    path("funding/requirements/", views.requirement_edit, name="requirement_edit"),
    path(
        "funding/contributions/<str:public_id>/",
        views.contribution_correct,
        name="contribution_correct",
    ),
]
