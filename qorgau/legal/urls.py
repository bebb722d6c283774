from django.urls import path

from qorgau.legal import views

app_name = "legal"

urlpatterns = [
    path("legal/", views.country_page, name="country"),
    path("legal/timeline/", views.timeline, name="timeline"),
    path("legal/provisions/new/", views.provision_new, name="provision-new"),
    path("legal/provisions/<str:public_id>/assess/", views.assess, name="assess"),
    path("legal/recommendations/<str:public_id>/follow-up/", views.follow_up, name="follow-up"),
    path("legal/treaties/<str:public_id>/", views.treaty_status, name="treaty-status"),
]
