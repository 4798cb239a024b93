"""The similar-case hints on the demo (issue 15 §6): biz-b's consultation repeats biz-a's
earlier case nearly word for word, and the office's page of either lists the other first."""

import pytest
from django.urls import reverse

from accounts.models import User
from proposals.models import Proposal
from proposals.similarity import similar_items

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

EARLIER = "公共施設の電力使用量の見える化とデマンド監視"
REPEATED = "公共施設の電力使用量の見える化とデマンドの監視についての相談"


@pytest.mark.parametrize(("title", "first"), [(REPEATED, EARLIER), (EARLIER, REPEATED)])
def test_the_office_sees_the_near_duplicate_first_on_the_demo(client, title, first):
    office = User.objects.get(email="office@example.jp")
    case = Proposal.objects.get(title=title)
    duplicate = Proposal.objects.get(title=first)

    hints = similar_items(office, case)

    assert hints[0].title == first
    assert hints[0].reference == duplicate.reference
    assert hints[0].score >= 0.8
    assert all(hint.score < hints[0].score for hint in hints[1:])
    client.force_login(office)
    page = client.get(reverse("proposals:staff_case", args=[case.pk])).content.decode()
    section = page[page.index('id="similar"') :]
    assert section.index(duplicate.reference) < section.index("</section>")


def test_the_proposers_of_the_two_cases_never_see_each_other(client):
    for email, other in (("biz-b@example.jp", EARLIER), ("biz-a@example.jp", REPEATED)):
        client.force_login(User.objects.get(email=email))
        case = Proposal.objects.get(title=other)
        assert client.get(reverse("proposals:detail", args=[case.pk])).status_code == 404
