from django.urls import path

from . import results_views, staff_views, views

app_name = "evaluation"

urlpatterns = [
    # The evaluators' pages (選定委員).
    path("evaluation/", views.my_rounds, name="my_rounds"),
    path("evaluation/rounds/<int:pk>/", views.round_detail, name="round"),
    path("evaluation/rounds/<int:pk>/conflicts/", views.declare, name="declare"),
    path("evaluation/rounds/<int:pk>/candidates/<int:candidate_pk>/", views.score, name="score"),
    path(
        "evaluation/rounds/<int:pk>/candidates/<int:candidate_pk>/files/<int:file_pk>/",
        views.candidate_file,
        name="candidate_file",
    ),
    # The office's pages.
    path("staff/cases/<int:case_pk>/evaluation/", staff_views.case_rounds, name="case_rounds"),
    path("staff/evaluation/rounds/<int:pk>/", staff_views.manage_round, name="manage_round"),
    path(
        "staff/evaluation/rounds/<int:pk>/candidates/refresh/",
        staff_views.refresh_candidates,
        name="refresh_candidates",
    ),
    path(
        "staff/evaluation/rounds/<int:pk>/evaluators/",
        staff_views.add_evaluator,
        name="add_evaluator",
    ),
    path(
        "staff/evaluation/rounds/<int:pk>/evaluators/<int:assignment_pk>/remove/",
        staff_views.remove_evaluator,
        name="remove_evaluator",
    ),
    path("staff/evaluation/rounds/<int:pk>/open/", staff_views.open_round, name="open_round"),
    path("staff/evaluation/rounds/<int:pk>/close/", staff_views.close_round, name="close_round"),
    path(
        "staff/evaluation/rounds/<int:pk>/sheets/<int:sheet_pk>/reopen/",
        staff_views.reopen_sheet,
        name="reopen_sheet",
    ),
    path("staff/evaluation/rounds/<int:pk>/decide/", staff_views.decide, name="decide"),
    # The results (aggregation.py, results_views.py): office only.
    path("staff/evaluation/rounds/<int:pk>/results/", results_views.results, name="results"),
    path(
        "staff/evaluation/rounds/<int:pk>/results.csv",
        results_views.results_csv,
        name="results_csv",
    ),
    path(
        "staff/evaluation/rounds/<int:pk>/results/print/",
        results_views.results_print,
        name="results_print",
    ),
]
