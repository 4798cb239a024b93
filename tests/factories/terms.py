"""The terms a submission, an application or a sign-up accepts: what the pages post, what the
workflow's SUBMIT and APPLY steps take (`accepted=`), and new versions."""

import factory
from django.utils import timezone

from terms.forms import FIELD
from terms.models import Acceptance, Kind, TermsVersion
from terms.services import required_versions

Context = Acceptance.Context
APPLICATION = Context.APPLICATION


def accepted_terms(context: str = Context.SUBMISSION) -> list[int]:
    """The ids of the versions the occasion asks for today (the boxes ticked)."""
    return [version.pk for version in required_versions(context)]


def acceptance_data(context: str = Context.SUBMISSION) -> dict:
    """The ticked boxes as a page posts them."""
    return {FIELD: [str(pk) for pk in accepted_terms(context)]}


def submit_data(case=None, context: str = Context.SUBMISSION, **data) -> dict:
    """What the confirmation page posts: the status seen and the ticked boxes."""
    return {"seen_status": "draft", **acceptance_data(context), **data}


def signup_data(**data) -> dict:
    """A sign-up with the person's name and the proposal terms and the privacy notice accepted."""
    return {"full_name": "三島 花子", **acceptance_data(Context.SIGNUP), **data}


class TermsVersionFactory(factory.django.DjangoModelFactory):
    """A new version of a document, in force from today."""

    class Meta:
        model = TermsVersion

    kind = Kind.PROPOSAL_TERMS
    version = factory.LazyAttribute(
        lambda o: (
            (TermsVersion.objects.filter(kind=o.kind).order_by("-version").first().version + 1)
            if TermsVersion.objects.filter(kind=o.kind).exists()
            else 1
        )
    )
    title = "三島市民間提案制度 提案規約"
    body = "改定後の規約です。\n\n提案に要する費用は提案者の負担とします。"
    effective_on = factory.LazyFunction(timezone.localdate)
