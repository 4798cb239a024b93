"""The admin as the office reads it (issue 13 §2): every internal code shown as its Japanese
label, never the code, English or Python's None; the case list's theme filter grouped under
the fields, so that it scales with the co-creation list.

The crawl opens every registered ModelAdmin's list and one of its change pages as the office,
on a world with a case at every stage (tests/leak/realization_world.py), and reads the text
of each page: no text node "None", no raw workflow step code, no "<pk> v<n>", no MIME type.
"""

import re
from html.parser import HTMLParser

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from proposals.models import Proposal, ProposalAttachment, ProposalTransition, ProposalVersion
from proposals.services import assign_department
from proposals.workflow import A, transition
from tests.factories.cocreation_list import ThemeFactory, field
from tests.factories.proposals import ProposalFactory, attach
from tests.leak.realization_world import build_world
from tests.proposals.helpers import LIST
from tests.scenarios import submit

pytestmark = pytest.mark.django_db

STEP_CODES = "|".join(re.escape(code) for code in ProposalTransition.Steps.values)
LEAKS = {
    "None": re.compile(r"^None$|: None\b|\bNone$"),
    "step code": re.compile(rf"(^|[:\s])({STEP_CODES})($|\s)"),
    "version code": re.compile(r"^\d+ v\d+$|\b\d+ v\d+\b"),
    "MIME type": re.compile(r"\b(application|image|text)/[a-z0-9.+-]+\b"),
    "id arrow": re.compile(r"^\d+ → "),
}


class TextNodes(HTMLParser):
    """The page's text as a reader meets it: no scripts, styles or attribute values."""

    def __init__(self):
        super().__init__()
        self.texts, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template", "textarea"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template", "textarea") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.texts.append(data.strip())


def leaks_in(html: str) -> list[str]:
    parser = TextNodes()
    parser.feed(html)
    return [
        f"{name}: {text!r}"
        for text in parser.texts
        for name, pattern in LEAKS.items()
        if pattern.search(text)
    ]


def test_the_checker_does_find_each_kind_of_leak():
    page = (
        "<p>次の期限: None</p><td>23: submit</td><td>23 v1</td>"
        "<td>application/pdf</td><p>23 → 環境政策課</p><script>var x = None;</script>"
    )

    assert [leak.split(":")[0] for leak in leaks_in(page)] == [
        "None",
        "step code",
        "version code",
        "MIME type",
        "id arrow",
    ]
    assert leaks_in("<p>R8-0012 提出</p><p>R8-0012 第1版</p><p>PDF</p><p>期限なし</p>") == []


def version_label(case, number):
    """「R8-0012 第1版」 once the catalogue has it; the msgid says the same in English."""
    with translation.override("ja"):
        return gettext("%(case)s version %(number)s") % {"case": case.reference, "number": number}


def _office_request(office):
    request = RequestFactory().get("/admin/")
    request.user = office
    return request


def test_every_admin_list_and_change_page_the_office_opens_shows_labels_not_codes(client):
    world = build_world()
    office = world.roles["office"]
    # A case just received: no deadline answered, no department; and one with a file,
    # a second version and its department (the inlines of the case page).
    received = submit(ProposalFactory(complete=True, title="受付直後の案件"))
    assert received.next_due_on is not None
    client.force_login(office)
    request = _office_request(office)
    problems, opened = [], 0
    for model, model_admin in admin.site._registry.items():
        if not model_admin.has_view_permission(request):
            continue
        info = (model._meta.app_label, model._meta.model_name)
        # A one-row model (the city's profile) opens its row's change form from the list.
        response = client.get(reverse("admin:{}_{}_changelist".format(*info)), follow=True)
        assert response.status_code == 200, info
        problems += [f"{info} list: {leak}" for leak in leaks_in(response.content.decode())]
        opened += 1
        first = model_admin.get_queryset(request).order_by("pk").last()
        if first is None:
            continue
        response = client.get(reverse("admin:{}_{}_change".format(*info), args=[first.pk]))
        assert response.status_code == 200, (info, first.pk)
        problems += [f"{info} {first.pk}: {leak}" for leak in leaks_in(response.content.decode())]
    # Every case page too: the inlines differ by stage.
    for case in Proposal.objects.exclude(status=Proposal.Status.DRAFT):
        response = client.get(reverse("admin:proposals_proposal_change", args=[case.pk]))
        problems += [
            f"case {case.reference}: {leak}" for leak in leaks_in(response.content.decode())
        ]

    assert opened > 10
    assert problems == []


def test_case_page_in_the_admin_names_steps_versions_and_files_by_their_labels(
    client, office_user, department
):
    case = ProposalFactory(complete=True)
    attach(case, name="提案概要.pdf")
    case = submit(case)
    assign_department(case=case, department=department, by=office_user)
    transition(case, A.START_DIALOGUE, by=office_user)
    client.force_login(office_user)

    page = client.get(reverse("admin:proposals_proposal_change", args=[case.pk])).content.decode()

    assert f"{case.reference} 提出" in page
    assert f"{case.reference} 対話を開始" in page
    assert version_label(case, 1) in page
    assert ">PDF<" in page
    assert "application/pdf" not in page


def test_labels_of_a_step_a_version_and_a_file_read_as_the_office_reads_them(office_user):
    case = submit(ProposalFactory(complete=True))
    attach(case, name="資料.pdf")

    step = ProposalTransition.objects.get(proposal=case)
    version = ProposalVersion.objects.get(proposal=case)
    file = ProposalAttachment.objects.get(proposal=case)

    assert str(step) == f"{case.reference} 提出"
    assert str(version) == version_label(case, 1)
    assert file.type_label == "PDF"


def test_case_list_says_no_deadline_in_words(client, office_user):
    case = submit(ProposalFactory(complete=True))
    transition(case, A.DECLINE, by=office_user, reason="対象外", public_reason="対象外のため")
    client.force_login(office_user)

    page = client.get(reverse(LIST)).content.decode()

    with translation.override("ja"):
        assert gettext("No deadline") in page
    assert leaks_in(page) == []


# The theme filter: themes grouped under their field, one choice each -------------------------


def test_theme_filter_groups_the_themes_under_their_field_and_filters_the_list(client, office_user):
    themes = [ThemeFactory(fields=[field("environment")], title=f"ごみ減量 {n}") for n in range(3)]
    other = ThemeFactory(fields=[field("welfare")], title="見守りの担い手")
    wanted = submit(ProposalFactory(theme=themes[1], complete=True))
    unwanted = submit(ProposalFactory(theme=other, complete=True))
    client.force_login(office_user)

    response = client.get(reverse(LIST), {"theme": themes[1].pk})

    page = response.content.decode()
    assert set(response.context["cl"].result_list) == {wanted}
    assert unwanted.title not in page
    groups = re.findall(r'<optgroup label="([^"]+)">', page)
    assert {"環境", "福祉"} <= set(groups)
    assert f'<option value="{themes[1].pk}" selected>' in page
    # The other filters' choices are kept by the theme form (hidden inputs).
    response = client.get(reverse(LIST), {"status": "received"})
    assert '<input type="hidden" name="status" value="received">' in response.content.decode()


def test_theme_filter_of_a_long_list_is_a_number_box_taking_full_width_digits(
    client, office_user, monkeypatch
):
    from proposals.admin.filters import ThemeFilter

    monkeypatch.setattr(ThemeFilter, "GROUPED_UP_TO", 2)
    themes = [ThemeFactory(fields=[field("environment")], title=f"ごみ減量 {n}") for n in range(3)]
    wanted = submit(ProposalFactory(theme=themes[2], complete=True))
    unwanted = submit(ProposalFactory(theme=themes[0], complete=True))
    client.force_login(office_user)
    full_width = str(themes[2].pk).translate(str.maketrans("0123456789", "０１２３４５６７８９"))

    response = client.get(reverse(LIST), {"theme": full_width})

    page = response.content.decode()
    assert set(response.context["cl"].result_list) == {wanted}
    assert unwanted.title not in page
    assert "<optgroup" not in page
    assert 'id="filter-theme" name="theme"' in page


@pytest.mark.parametrize("count", [3, 30])
def test_case_list_needs_the_same_queries_however_many_themes(
    client, office_user, count, django_assert_max_num_queries
):
    for number in range(count):
        ThemeFactory(fields=[field("machizukuri")], title=f"テーマ {number}")
    submit(ProposalFactory(complete=True))
    client.force_login(office_user)
    client.get(reverse(LIST))

    with django_assert_max_num_queries(20):
        client.get(reverse(LIST))
