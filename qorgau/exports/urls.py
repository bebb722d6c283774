from django.urls import path

from qorgau.exports import views

app_name = "exports"

urlpatterns = [
    path("exports/", views.export_list, name="list"),
    path("exports/new/", views.export_new, name="new"),
    path("exports/<str:public_id>/download/", views.export_download, name="download"),
]
