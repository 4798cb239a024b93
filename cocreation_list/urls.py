from django.urls import path

from . import opendata, views

app_name = "cocreation_list"

urlpatterns = [
    path("themes/", views.theme_list, name="theme_list"),
    path("themes.csv", opendata.themes_csv, name="themes_csv"),
    path("themes.json", opendata.themes_json, name="themes_json"),
    path("themes/feed.atom", opendata.LatestThemesFeed(), name="themes_feed"),
    path("themes/deadlines.ics", opendata.themes_ics, name="themes_ics"),
    path("themes/<int:number>/", views.theme_detail, name="theme_detail"),
    path("themes/<int:number>/files/<int:pk>/", views.theme_attachment, name="attachment"),
]
