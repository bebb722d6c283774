from django.urls import path

from qorgau.partners import views

app_name = "partners"

urlpatterns = [
    path("partners/", views.directory, name="directory"),
    path("partners/<str:public_id>/", views.partner_detail, name="detail"),
    path("partners/<str:public_id>/edit/", views.partner_edit, name="edit"),
    path("agreements/", views.agreements, name="agreements"),
    path("agreements/new/", views.agreement_new, name="agreement-new"),
    path("agreements/<str:public_id>/", views.agreement_detail, name="agreement"),
    path("agreements/<str:public_id>/edit/", views.agreement_edit, name="agreement-edit"),
    path("agreements/<str:public_id>/end/", views.agreement_end_early, name="agreement-end"),
    path(
        "agreements/<str:public_id>/document/",
        views.agreement_document,
        name="agreement-document",
    ),
]
