from django.urls import path

from qorgau.twofactor import views

app_name = "twofactor"

urlpatterns = [
    path("account/", views.account, name="account"),
    path("account/two-factor/code/", views.verify, name="verify"),
    path("account/two-factor/set-up/", views.enrol, name="enrol"),
    path("account/two-factor/recovery-codes/", views.codes_renew, name="codes"),
    path("account/two-factor/members/", views.members, name="members"),
    path("account/two-factor/members/<str:public_id>/reset/", views.member_reset, name="reset"),
]
