from django.urls import path

from .views import evaluator, office, results

app_name = "evaluation"

urlpatterns = [
    # The evaluators' pages (選定委員).
    path("evaluation/", evaluator.my_rounds, name="my_rounds"),
    path("evaluation/rounds/<id:pk>/", evaluator.round_detail, name="round"),
    path("evaluation/rounds/<id:pk>/conflicts/", evaluator.declare, name="declare"),
    path("evaluation/rounds/<id:pk>/candidates/<id:candidate_pk>/", evaluator.score, name="score"),
    path("evaluation/rounds/<id:pk>/confirm/", evaluator.confirm, name="confirm"),
    path(
        "evaluation/rounds/<id:pk>/candidates/<id:candidate_pk>/confirm/",
        evaluator.confirm,
        name="confirm_sheet",
    ),
    path(
        "evaluation/rounds/<id:pk>/candidates/<id:candidate_pk>/files/<id:file_pk>/",
        evaluator.candidate_file,
        name="candidate_file",
    ),
    # The office's pages.
    path("staff/cases/<id:case_pk>/evaluation/", office.case_rounds, name="case_rounds"),
    path("staff/evaluation/rounds/<id:pk>/", office.manage_round, name="manage_round"),
    path(
        "staff/evaluation/rounds/<id:pk>/candidates/refresh/",
        office.refresh_candidates,
        name="refresh_candidates",
    ),
    path(
        "staff/evaluation/rounds/<id:pk>/evaluators/",
        office.add_evaluator,
        name="add_evaluator",
    ),
    path(
        "staff/evaluation/rounds/<id:pk>/evaluators/<id:assignment_pk>/remove/",
        office.remove_evaluator,
        name="remove_evaluator",
    ),
    path("staff/evaluation/rounds/<id:pk>/open/", office.open_round, name="open_round"),
    path("staff/evaluation/rounds/<id:pk>/close/", office.close_round, name="close_round"),
    path(
        "staff/evaluation/rounds/<id:pk>/sheets/<id:sheet_pk>/reopen/",
        office.reopen_sheet,
        name="reopen_sheet",
    ),
    path("staff/evaluation/rounds/<id:pk>/decide/", office.decide, name="decide"),
    # The results (aggregation.py, results.py): office only.
    path("staff/evaluation/rounds/<id:pk>/results/", results.results, name="results"),
    path(
        "staff/evaluation/rounds/<id:pk>/results/normalisation/",
        results.normalisation,
        name="results_normalisation",
    ),
    path(
        "staff/evaluation/rounds/<id:pk>/results.csv",
        results.results_csv,
        name="results_csv",
    ),
    path(
        "staff/evaluation/rounds/<id:pk>/results/print/",
        results.results_print,
        name="results_print",
    ),
]
