from django.urls import path

from qorgau.hotline import public_views, views

app_name = "hotline"

urlpatterns = [
    path("help/<str:lang>/ask/", public_views.ask, name="ask"),
    path("hotline/", views.queue, name="queue"),
    path("hotline/new/", views.ticket_log, name="log"),
    path("hotline/templates/", views.template_list, name="templates"),
    path("hotline/templates/new/", views.template_edit, name="template-new"),
    path("hotline/templates/<str:public_id>/", views.template_edit, name="template-edit"),
    path("hotline/figures/", views.figures, name="figures"),
    path("hotline/<str:public_id>/", views.ticket_detail, name="detail"),
    path("hotline/<str:public_id>/<slug:action>/", views.ticket_act, name="act"),
]
