from django.urls import path

from qorgau.people import views

app_name = "people"

urlpatterns = [
    path("people/", views.search, name="search"),
    path("people/register/", views.register, name="register"),
    path("people/<str:public_id>/", views.person_detail, name="detail"),
    path("people/<str:public_id>/edit/", views.person_edit, name="edit"),
    path("people/<str:public_id>/documents/add/", views.document_add, name="document-add"),
    path("people/<str:public_id>/status/add/", views.status_add, name="status-add"),
    path("people/<str:public_id>/shares/add/", views.share_add, name="share-add"),
    path("shares/<str:public_id>/revoke/", views.share_revoke, name="share-revoke"),
]
