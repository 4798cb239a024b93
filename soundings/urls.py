from django.urls import path

from . import feeds, views

app_name = "soundings"

urlpatterns = [
    path("soundings/", views.sounding_list, name="list"),
    path("soundings/feed.atom", feeds.LatestSoundingsFeed(), name="feed"),
    path("soundings/schedule.ics", feeds.soundings_ics, name="ics"),
    path("soundings/<int:number>/", views.sounding_detail, name="detail"),
    path("soundings/<int:number>/register/", views.register, name="register"),
    path("my/soundings/", views.my_soundings, name="mine"),
]
