from django.urls import path

from qorgau.partners import views

app_name = "partners"

urlpatterns = [
    path("partners/", views.directory, name="directory"),
    path("partners/<str:public_id>/", views.partner_detail, name="detail"),
    path("partners/<str:public_id>/edit/", views.partner_edit, name="edit"),
]
