"""The evaluator's pages: anonymisation, isolation, conflicts, scoring, lock and access log."""

import io
from urllib.parse import quote

import pytest
from django.urls import reverse
from pypdf import PdfReader

from evaluation import services
from evaluation.models import ConflictDeclaration, RoundEvent, ScoreSheet
from mishima_kyoso.common.ids import encode_id
from proposals.models import AccessLog
from tests.evaluation.helpers import disguised_round
from tests.scenarios import adoption_round, declare_none, full_points, submit_sheet

pytestmark = pytest.mark.django_db


def pages_of(client, round, assignment):
    """Every evaluator page of this round as this evaluator sees it, HTML and file names."""
    client.force_login(assignment.evaluator)
    html = [
        client.get(reverse("evaluation:my_rounds")).content.decode(),
        client.get(reverse("evaluation:round", args=[round.pk])).content.decode(),
    ]
    names = []
    for candidate in round.candidates.all():
        response = client.get(reverse("evaluation:score", args=[round.pk, candidate.pk]))
        assert response.status_code == 200
        html.append(response.content.decode())
        for stored in candidate.proposal.attachments.order_by("uploaded_at", "pk"):
            download = client.get(
                reverse("evaluation:candidate_file", args=[round.pk, candidate.pk, stored.pk])
            )
            assert download.status_code == 200
            names.append(download["Content-Disposition"])
            with stored.file.open("rb") as kept:
                served, original = b"".join(download.streaming_content), kept.read()
            # Anonymised: the same pages without the metadata (test_anonymised_files.py).
            pages = [len(PdfReader(io.BytesIO(pdf)).pages) for pdf in (served, original)]
            assert served == original if not round.is_anonymised else pages[0] == pages[1]
    return "\n".join(html), names


def as_attachment(name):
    return "attachment; filename*=utf-8''" + quote(name)


# Anonymisation ------------------------------------------------------------------------------


def test_no_candidate_name_contact_or_reference_appears_on_any_anonymised_evaluator_page(
    client, office_user
):
    round, secrets = disguised_round(office=office_user)
    assignment = declare_none(round.assignments.first())
    # A conflict form page (before the declaration) of the other evaluator too.
    other = round.assignments.exclude(pk=assignment.pk).get()
    client.force_login(other.evaluator)
    before = client.get(reverse("evaluation:round", args=[round.pk])).content.decode()

    html, file_names = pages_of(client, round, assignment)

    assert secrets.found_in(html + before) == []
    assert secrets.found_in(" ".join(file_names)) == []
    # One file per candidate, each under the neutral name of the first file (資料1).
    assert file_names == [as_attachment("資料1.pdf")] * round.candidates.count()
    # The labels are what the evaluator sees.
    for candidate in round.candidates.all():
        assert f"{candidate.label}" in html


def test_evaluators_see_the_names_when_the_round_is_not_anonymised(client, office_user):
    round, _secrets = disguised_round(office=office_user, anonymised=False)
    assignment = declare_none(round.assignments.first())

    html, file_names = pages_of(client, round, assignment)

    for candidate in round.candidates.select_related("proposal__organization"):
        assert candidate.proposal.organization.name in html
    assert file_names == [
        as_attachment(f"{candidate.proposal.organization.name}_提案書.pdf")
        for candidate in round.candidates.all()
    ]


def test_score_page_shows_the_content_but_never_the_contact_fields(client, office_user):
    round, _secrets = disguised_round(office=office_user)
    assignment = declare_none(round.assignments.first())
    candidate = round.candidates.first()
    case = candidate.proposal
    client.force_login(assignment.evaluator)

    html = client.get(reverse("evaluation:score", args=[round.pk, candidate.pk])).content.decode()

    assert case.title in html and case.body in html and case.know_how in html
    assert "contact_email" not in html and case.contact_email not in html


# Isolation ----------------------------------------------------------------------------------


def test_an_evaluator_never_sees_another_evaluators_scores_or_comments(client, office_user):
    round = adoption_round(office=office_user, evaluators=2, criteria=2)
    mine, other = round.assignments.all()
    candidate = round.candidates.get()
    declare_none(mine)
    declare_none(other)
    services.save_sheet(
        assignment=other,
        candidate=candidate,
        points=full_points(round, 7),
        comments={c.pk: "他委員の秘密の所見" for c in round.criteria_set.criteria.all()},
        comment="他委員の総評コメント",
        submit=True,
        by=other.evaluator,
    )
    client.force_login(mine.evaluator)

    html = "".join(
        client.get(url).content.decode()
        for url in (
            reverse("evaluation:my_rounds"),
            reverse("evaluation:round", args=[round.pk]),
            reverse("evaluation:score", args=[round.pk, candidate.pk]),
        )
    )

    assert "他委員の秘密の所見" not in html and "他委員の総評コメント" not in html
    assert "Submitted" not in html  # my sheet for it is not started
    page = client.get(reverse("evaluation:score", args=[round.pk, candidate.pk]))
    assert page.context["sheet"] is None


def test_a_round_i_am_not_assigned_to_answers_404_at_every_url(client, office_user):
    round = adoption_round(office=office_user)
    elsewhere = adoption_round(office=office_user)
    declare_none(elsewhere.assignments.get())
    candidate = elsewhere.candidates.get()
    client.force_login(round.assignments.get().evaluator)

    urls = [
        reverse("evaluation:round", args=[elsewhere.pk]),
        reverse("evaluation:declare", args=[elsewhere.pk]),
        reverse("evaluation:score", args=[elsewhere.pk, candidate.pk]),
        reverse("evaluation:candidate_file", args=[elsewhere.pk, candidate.pk, 1]),
    ]

    assert [client.get(url).status_code for url in urls] == [404] * 4
    assert client.post(urls[1], {}).status_code == 404
    assert client.post(urls[2], {}).status_code == 404
    listed = client.get(reverse("evaluation:my_rounds")).context["rows"]
    assert [row["round"] for row in listed] == [round]


def test_a_candidate_of_another_round_under_my_round_answers_404(client, office_user):
    round = adoption_round(office=office_user)
    elsewhere = adoption_round(office=office_user)
    declare_none(round.assignments.get())
    client.force_login(round.assignments.get().evaluator)

    response = client.get(
        reverse("evaluation:score", args=[round.pk, elsewhere.candidates.get().pk])
    )

    assert response.status_code == 404


def test_a_draft_round_is_not_shown_to_its_evaluators_yet(client, office_user):
    round = adoption_round(office=office_user, opened=False)
    client.force_login(round.assignments.get().evaluator)

    assert client.get(reverse("evaluation:round", args=[round.pk])).status_code == 404
    assert client.get(reverse("evaluation:my_rounds")).context["rows"] == []


# Conflicts ----------------------------------------------------------------------------------


def test_evaluator_declares_through_the_form_and_a_conflicted_candidate_answers_403(
    client, office_user
):
    round, _secrets = disguised_round(office=office_user, applications=1, evaluators=1)
    assignment = round.assignments.get()
    a, b = round.candidates.order_by("label")
    client.force_login(assignment.evaluator)

    response = client.post(
        reverse("evaluation:declare", args=[round.pk]),
        {f"conflict_{a.pk}": "yes", f"note_{a.pk}": "元勤務先", f"conflict_{b.pk}": "no"},
    )

    assert response.status_code == 302
    assert ConflictDeclaration.objects.filter(has_conflict=True).get().candidate == a
    assert round.events.filter(kind=RoundEvent.Kind.CONFLICT_DECLARED).count() == 1
    refused = client.get(reverse("evaluation:score", args=[round.pk, a.pk]))
    assert refused.status_code == 403
    assert "conflict of interest" in refused.content.decode() or "利害" in refused.content.decode()
    assert a.proposal.body not in refused.content.decode()
    file = a.proposal.attachments.first()
    assert (
        client.get(reverse("evaluation:candidate_file", args=[round.pk, a.pk, file.pk])).status_code
        == 403
    )
    assert client.get(reverse("evaluation:score", args=[round.pk, b.pk])).status_code == 200
    assert not AccessLog.objects.filter(proposal=a.proposal, user=assignment.evaluator).exists()


def test_an_incomplete_declaration_shows_the_errors_and_records_nothing(client, office_user):
    round = adoption_round(office=office_user)
    client.force_login(round.assignments.get().evaluator)

    response = client.post(reverse("evaluation:declare", args=[round.pk]), {})

    assert response.status_code == 200
    assert response.context["conflict_form"].errors
    assert "aria-describedby" in response.content.decode()
    assert not ConflictDeclaration.objects.exists()


def test_scoring_before_declaring_sends_the_evaluator_to_the_declaration(client, office_user):
    round = adoption_round(office=office_user)
    client.force_login(round.assignments.get().evaluator)

    response = client.get(reverse("evaluation:score", args=[round.pk, round.candidates.get().pk]))

    assert response.status_code == 302
    assert response["Location"].endswith(f"/evaluation/rounds/{encode_id(round.pk)}/#conflicts")


# Scoring ------------------------------------------------------------------------------------


def score_data(round, value, **extra):
    data = {f"points_{c.pk}": value for c in round.criteria_set.criteria.all()}
    return {**data, "comment": "総評", **extra}


def test_evaluator_saves_then_submits_and_the_page_becomes_read_only(client, office_user):
    round = adoption_round(office=office_user, criteria=3)
    assignment = declare_none(round.assignments.get())
    candidate = round.candidates.get()
    url = reverse("evaluation:score", args=[round.pk, candidate.pk])
    client.force_login(assignment.evaluator)
    first = round.criteria_set.criteria.first()

    saved = client.post(url, {f"points_{first.pk}": "4", "save": "1"})
    assert saved.status_code == 302
    sheet = ScoreSheet.objects.get()
    assert not sheet.is_submitted
    assert list(sheet.scores.values_list("points", flat=True)) == [4]

    # 「提出」 goes through the confirmation: the sheet is saved, then submitted from there.
    reviewed = client.post(url, score_data(round, "6", confirm="1"))
    confirm_url = reverse("evaluation:confirm_sheet", args=[round.pk, candidate.pk])
    assert reviewed.status_code == 302 and reviewed.url == confirm_url
    sheet.refresh_from_db()
    assert not sheet.is_submitted
    seen = client.get(confirm_url).context["seen"]
    submitted = client.post(confirm_url, {"seen": seen})
    assert submitted.status_code == 302
    sheet.refresh_from_db()
    assert sheet.is_submitted

    page = client.get(url)
    html = page.content.decode()
    assert page.context["form"] is None
    assert '<form method="post" action="" class="proposal-form score-form"' not in html
    assert client.post(url, score_data(round, "1", submit="1")).status_code == 403
    assert set(sheet.scores.values_list("points", flat=True)) == {6}


def test_submitting_an_incomplete_sheet_shows_which_criteria_are_missing(client, office_user):
    round = adoption_round(office=office_user, criteria=2)
    assignment = declare_none(round.assignments.get())
    candidate = round.candidates.get()
    first, second = round.criteria_set.criteria.all()
    client.force_login(assignment.evaluator)

    response = client.post(
        reverse("evaluation:score", args=[round.pk, candidate.pk]),
        {f"points_{first.pk}": "3", "submit": "1"},
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == [f"points_{second.pk}"]
    assert not ScoreSheet.objects.filter(submitted_at__isnull=False).exists()


def test_points_above_the_maximum_are_refused_by_the_form(client, office_user):
    round = adoption_round(office=office_user, criteria=1)
    assignment = declare_none(round.assignments.get())
    candidate = round.candidates.get()
    client.force_login(assignment.evaluator)

    response = client.post(
        reverse("evaluation:score", args=[round.pk, candidate.pk]), score_data(round, "99")
    )

    assert response.status_code == 200
    assert response.context["form"].errors
    assert not ScoreSheet.objects.exists()


def test_the_scoring_form_labels_each_criterion_with_its_maximum(client, office_user):
    round = adoption_round(office=office_user, criteria=2)
    assignment = declare_none(round.assignments.get())
    candidate = round.candidates.get()
    client.force_login(assignment.evaluator)

    html = client.get(reverse("evaluation:score", args=[round.pk, candidate.pk])).content.decode()

    for criterion in round.criteria_set.criteria.all():
        assert f'<label for="id_points_{criterion.pk}">' in html
        assert f"{criterion.name} (0 to {criterion.max_points} points)" in html or (
            f"{criterion.name}（0〜{criterion.max_points}点）" in html
        )
        assert criterion.scale in html and criterion.description in html


def test_a_reopened_sheet_can_be_changed_again(client, office_user):
    round = adoption_round(office=office_user, criteria=1)
    assignment = declare_none(round.assignments.get())
    candidate = round.candidates.get()
    sheet = submit_sheet(assignment, candidate, value=2)
    services.reopen_sheet(sheet=sheet, reason="確認のため", by=office_user)
    client.force_login(assignment.evaluator)
    url = reverse("evaluation:score", args=[round.pk, candidate.pk])

    assert client.get(url).context["form"] is not None
    assert client.post(url, score_data(round, "9", submit="1")).status_code == 302
    assert list(ScoreSheet.objects.get().scores.values_list("points", flat=True)) == [9]


# Access log ---------------------------------------------------------------------------------


def test_reads_and_downloads_of_a_candidate_are_logged(client, office_user):
    round, _secrets = disguised_round(office=office_user, applications=0, evaluators=1)
    assignment = declare_none(round.assignments.get())
    candidate = round.candidates.get()
    file = candidate.proposal.attachments.get()
    client.force_login(assignment.evaluator)

    client.get(reverse("evaluation:score", args=[round.pk, candidate.pk]))
    download = client.get(
        reverse("evaluation:candidate_file", args=[round.pk, candidate.pk, file.pk])
    )
    b"".join(download.streaming_content)

    kinds = AccessLog.objects.filter(user=assignment.evaluator, proposal=candidate.proposal)
    assert sorted(kinds.values_list("kind", flat=True)) == [
        AccessLog.Kind.CONTENT,
        AccessLog.Kind.FILE,
    ]


def test_the_evaluation_link_shows_for_evaluators_only(client, office_user):
    round = adoption_round(office=office_user)
    url = reverse("evaluation:my_rounds")
    client.force_login(office_user)
    assert f'href="{url}"' not in client.get(reverse("home")).content.decode()

    client.force_login(round.assignments.get().evaluator)
    assert f'href="{url}"' in client.get(reverse("home")).content.decode()
