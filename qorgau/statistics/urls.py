from django.urls import path

from qorgau.statistics import views

app_name = "statistics"

urlpatterns = [
    path("statistics/", views.dashboard, name="dashboard"),
    path("statistics/chart/<slug:name>.csv", views.chart_data, name="chart-data"),
    path("statistics/factsheet/", views.factsheet_page, name="factsheet"),
    path("statistics/factsheet.pdf", views.factsheet_download, name="factsheet-pdf"),
    path("statistics/factsheet/texts/", views.factsheet_texts, name="factsheet-texts"),
    path("figures/", views.public, name="public"),
]
