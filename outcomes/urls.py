from django.urls import path

from . import opendata, staff_views, views

app_name = "outcomes"

urlpatterns = [
    path("results/", views.results, name="results"),
    path("results.csv", opendata.results_csv, name="results_csv"),
    path("results.json", opendata.results_json, name="results_json"),
    path("results/<int:pk>/", views.result, name="result"),
    path("statistics/", views.statistics_page, name="statistics"),
    path("calls/", views.calls, name="calls"),
    path("calls/<int:number>/", views.call, name="call"),
    path("staff/cases/<int:pk>/publication/", staff_views.publish, name="publish"),
    path(
        "staff/cases/<int:pk>/publication/<int:publication_pk>/withdraw/",
        staff_views.withdraw,
        name="withdraw",
    ),
]
