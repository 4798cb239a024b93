from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("new/", views.organization_create, name="organization_create"),
    path("", views.organization_detail, name="organization_detail"),
    path("edit/", views.organization_edit, name="organization_edit"),
    path("invite/", views.invite, name="invite"),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
]
