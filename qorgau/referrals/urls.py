from django.urls import path

from qorgau.referrals import views

app_name = "referrals"

urlpatterns = [
    path("referrals/sent/", views.outbox, name="outbox"),
    path("referrals/received/", views.inbox, name="inbox"),
    path("referrals/figures/", views.figures, name="figures"),
    path("referrals/refer/<str:person_id>/", views.refer, name="refer"),
    path(
        "referrals/refer-household/<str:household_id>/",
        views.refer_household,
        name="refer-household",
    ),
    path("referrals/<str:public_id>/", views.detail, name="detail"),
    path("referrals/<str:public_id>/step/", views.step, name="step"),
    path("referrals/<str:public_id>/override/", views.override_approve, name="override"),
]
