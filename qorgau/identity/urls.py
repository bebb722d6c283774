from django.urls import path

from qorgau.identity import views

app_name = "identity"

urlpatterns = [
    path("identity/review/", views.review, name="review"),
    path("identity/likely/", views.likely, name="likely"),
    path("identity/runs/", views.runs, name="runs"),
    path("identity/runs/new/", views.run_new, name="run-new"),
    path("identity/review/<str:public_id>/", views.decide, name="decide"),
    path("identity/decisions/<str:public_id>/undo/", views.undo, name="undo"),
]
