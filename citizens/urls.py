from django.urls import path

from . import views

app_name = "citizens"

urlpatterns = [
    path("voice/suggest/", views.suggest, name="suggest"),
    path("voice/suggestions/", views.suggestions, name="suggestions"),
    path("results/<int:pk>/feedback/", views.feedback, name="feedback"),
]
