"""The portal's URLs under another prefix: {% link %} follows a change of URL configuration."""

from django.urls import include, path

urlpatterns = [path("elsewhere/", include("mishima_kyoso.urls"))]
