from django.urls import path

from qorgau.people import household_views, views

app_name = "people"

urlpatterns = [
    path("people/", views.search, name="search"),
    path("people/register/", views.register, name="register"),
    path("people/register/member/", views.register_member, name="register-member"),
    path("people/<str:public_id>/", views.person_detail, name="detail"),
    path("people/<str:public_id>/edit/", views.person_edit, name="edit"),
    path("people/<str:public_id>/documents/add/", views.document_add, name="document-add"),
    path("people/<str:public_id>/status/add/", views.status_add, name="status-add"),
    path("people/<str:public_id>/shares/add/", views.share_add, name="share-add"),
    path("shares/<str:public_id>/revoke/", views.share_revoke, name="share-revoke"),
    path("households/<str:public_id>/", household_views.household_detail, name="household"),
    path(
        "households/<str:public_id>/members/new/",
        household_views.household_member_register,
        name="household-member-new",
    ),
    path(
        "households/<str:public_id>/members/add/",
        household_views.household_member_add,
        name="household-member-add",
    ),
    path(
        "households/<str:public_id>/members/<str:person_id>/remove/",
        household_views.household_member_remove,
        name="household-member-remove",
    ),
    path(
        "households/<str:public_id>/principal/",
        household_views.household_principal_change,
        name="household-principal",
    ),
]
