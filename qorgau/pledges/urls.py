from django.urls import path

from qorgau.pledges import views

app_name = "pledges"

urlpatterns = [
    path("pledges/", views.pledge_list, name="list"),
    path("pledges/new/", views.pledge_new, name="new"),
    path("pledges/<str:public_id>/", views.pledge_detail, name="detail"),
    path("pledges/<str:public_id>/progress/", views.pledge_progress, name="progress"),
    path("pledges/<str:public_id>/indicator.csv", views.indicator_csv, name="indicator-csv"),
    path("pledges/<str:public_id>/evidence/<str:update_id>/", views.evidence, name="evidence"),
]
