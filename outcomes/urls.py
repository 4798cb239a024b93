from django.urls import path

from . import opendata
from .views import public, publication

app_name = "outcomes"

urlpatterns = [
    path("results/", public.results, name="results"),
    path("results.csv", opendata.results_csv, name="results_csv"),
    path("results.json", opendata.results_json, name="results_json"),
    path("results/<int:pk>/", public.result, name="result"),
    path("statistics/", public.statistics_page, name="statistics"),
    path("calls/", public.calls, name="calls"),
    path("calls/<int:number>/", public.call, name="call"),
    path("staff/cases/<id:pk>/publication/", publication.publish, name="publish"),
    path(
        "staff/cases/<id:pk>/publication/<id:publication_pk>/withdraw/",
        publication.withdraw,
        name="withdraw",
    ),
]
