from django.urls import path

from qorgau.members import views

app_name = "members"

urlpatterns = [
    path("organisations/", views.organisation_list, name="list"),
    path("organisations/<str:public_id>/", views.organisation_detail, name="detail"),
    path("organisations/<str:public_id>/members/", views.member_create, name="create"),
    path(
        "organisations/<str:public_id>/members/<str:user_id>/roles/",
        views.membership_add,
        name="grant",
    ),
    path(
        "organisations/<str:public_id>/members/<str:user_id>/deactivate/",
        views.member_deactivate,
        name="deactivate",
    ),
    path(
        "organisations/<str:public_id>/roles/<str:membership_id>/",
        views.membership_change,
        name="change",
    ),
    path(
        "organisations/<str:public_id>/roles/<str:membership_id>/revoke/",
        views.membership_revoke,
        name="revoke",
    ),
]
