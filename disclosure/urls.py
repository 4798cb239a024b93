from django.urls import path

from . import views

app_name = "disclosure"

urlpatterns = [
    path("staff/disclosure/", views.request_list, name="requests"),
    path("staff/disclosure/new/", views.request_create, name="request_create"),
    path("staff/disclosure/<id:pk>/", views.request_detail, name="request"),
    path("staff/disclosure/<id:pk>/decide/", views.decide, name="decide"),
    path("staff/disclosure/<id:pk>/close/", views.close, name="close"),
    path("staff/disclosure/<id:pk>/cases/<id:case_pk>/marks/", views.marks_edit, name="marks"),
    path(
        "staff/disclosure/<id:pk>/cases/<id:case_pk>/opinion/",
        views.opinion_request,
        name="opinion_request",
    ),
    path(
        "staff/disclosure/<id:pk>/cases/<id:case_pk>/export/<str:version>/",
        views.export,
        name="export",
    ),
    path("disclosure/opinions/<id:pk>/", views.opinion_answer, name="opinion"),
]
