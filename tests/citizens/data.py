"""What the citizens' tests start from: a service in operation with its public page, and the
forms as a person sends them (the form shown long enough ago, the honeypot left empty)."""

import time

from citizens import antispam, services
from citizens.models import IssueSuggestion, ServiceFeedback
from partnership.selectors import agreement_of
from tests.factories.cocreation_list import field
from tests.scenarios import operating_case, published

# Contact data a citizen leaves for a reply: it may never reach a public page.
SECRET_NAME = "三島 太郎SECRET"
SECRET_EMAIL = "secret-citizen@example.jp"


def shown_seconds_ago(seconds=30) -> str:
    return antispam.issue_token(at=time.time() - seconds)


def suggestion_form(**changes) -> dict:
    return {
        "title": "源兵衛川の遊歩道に日陰がほしい",
        "body": "夏の日中は暑く、子ども連れで歩けません。",
        "field": field().pk,
        "name": SECRET_NAME,
        "email": SECRET_EMAIL,
        "website": "",
        "issued": shown_seconds_ago(),
        **changes,
    }


def feedback_form(**changes) -> dict:
    return {
        "respondent": ServiceFeedback.Respondent.USER,
        "rating": "4",
        "body": "子どもが毎週楽しみにしています。",
        "website": "",
        "issued": shown_seconds_ago(),
        **changes,
    }


def suggestion(*, by=None, status="pending", reply="", **changes) -> IssueSuggestion:
    """A suggestion as a citizen sends it; published or declined by the office `by`."""
    fields = {
        "title": "駅前の駐輪場が足りない",
        "body": "朝は満車で、歩道に自転車があふれています。",
        "name": SECRET_NAME,
        "email": SECRET_EMAIL,
        **changes,
    }
    item = services.submit_suggestion(**fields)
    if status == "published":
        item = services.publish(item, by=by, reply=reply)
    elif status == "declined":
        item = services.decline(item, by=by)
    return item


def running_service(*, office, departments=()):
    """A case in operation with its adoption published: (publication, agreement)."""
    case = operating_case(office=office, departments=departments)
    publication = published(case, office=office)
    return publication, agreement_of(case)


def feedback(agreement, *, by=None, status="pending", body="送迎がとても助かります。"):
    item = services.submit_feedback(agreement=agreement, body=body, respondent="user", rating=5)
    if status == "published":
        item = services.publish(item, by=by)
    elif status == "declined":
        item = services.decline(item, by=by)
    return item
