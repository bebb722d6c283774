from django.urls import path

from qorgau.reminders import views

app_name = "reminders"

urlpatterns = [
    path("reminders/", views.reminder_list, name="list"),
    path("reminders/<str:public_id>/done/", views.reminder_mark_done, name="done"),
]
