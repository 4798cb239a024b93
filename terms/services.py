"""The current versions, who still has to accept them, and accepting them.

Which documents an occasion asks for: sign-up the proposal terms and the privacy notice; each
submission and each application those two and the eligibility pledge (暴力団排除, 市税の滞納なし,
指名停止中でない), given for the organisation. Every occasion asks for the versions current
that day; a new version of the terms is therefore asked for at the next submission.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Acceptance, Kind, TermsVersion

Context = Acceptance.Context

REQUIRED: dict[str, tuple[str, ...]] = {
    Context.SIGNUP: (Kind.PROPOSAL_TERMS, Kind.PRIVACY),
    Context.SUBMISSION: (Kind.PROPOSAL_TERMS, Kind.PRIVACY, Kind.PLEDGE),
    Context.APPLICATION: (Kind.PROPOSAL_TERMS, Kind.PRIVACY, Kind.PLEDGE),
}
# What a user accepts once and again whenever it changes (needs_acceptance).
PERSONAL = (Kind.PROPOSAL_TERMS, Kind.PRIVACY)


def current_versions(kinds=tuple(Kind), *, on=None) -> list[TermsVersion]:
    """The version of each kind in force on a day (today): the newest already effective; a
    kind without one is left out. One query, in the order of `kinds`."""
    on = on or timezone.localdate()
    newest = {}
    for version in TermsVersion.objects.filter(kind__in=kinds, effective_on__lte=on).order_by(
        "kind", "-version"
    ):
        newest.setdefault(version.kind, version)
    return [newest[kind] for kind in kinds if kind in newest]


def required_versions(context: str) -> list[TermsVersion]:
    """The versions an occasion asks the user to accept now."""
    return current_versions(REQUIRED[context])


def needs_acceptance(user) -> list[TermsVersion]:
    """The current proposal terms and privacy notice this user has not accepted yet: a new
    version is asked for again."""
    current = current_versions(PERSONAL)
    accepted = set(
        Acceptance.objects.filter(user=user, terms__in=current).values_list("terms_id", flat=True)
    )
    return [version for version in current if version.pk not in accepted]


def check_accepted(context: str, accepted) -> list[TermsVersion]:
    """The versions the occasion asks for, if `accepted` (their ids, as the page showed them)
    are exactly those; else a coded refusal that changes nothing."""
    required = required_versions(context)
    if not required:  # nothing published yet: nothing to accept
        return []
    given = {int(pk) for pk in accepted or ()}
    if not given:
        raise ValidationError(
            _(
                "Tick every box to accept the proposal terms and the privacy notice and to give "
                "the eligibility pledge."
            ),
            code="terms_not_accepted",
        )
    if given != {version.pk for version in required}:
        raise ValidationError(
            _(
                "The terms have been updated since the page was opened. Read the current "
                "version and tick the boxes again."
            ),
            code="terms_changed",
        )
    return required


@transaction.atomic
def accept(*, by, context: str, accepted, organization=None, proposal=None) -> list[Acceptance]:
    """Record that `by` accepted the versions the occasion asks for (checked first): one row
    per version, in the caller's transaction, so a refused submission records nothing."""
    versions = check_accepted(context, accepted)
    now = timezone.now()
    return Acceptance.objects.bulk_create(
        Acceptance(
            terms=version,
            user=by,
            organization=organization,
            context=context,
            proposal=proposal,
            accepted_at=now,
        )
        for version in versions
    )


@transaction.atomic
def publish_version(
    *, kind: str, title: str, body: str, effective_on=None, by=None
) -> TermsVersion:
    """A new version of a document: the next number of its kind (under a lock, so two office
    staff publishing at once get two numbers); earlier versions stay as they were."""
    list(TermsVersion.objects.select_for_update().filter(kind=kind).values_list("pk", flat=True))
    last = TermsVersion.objects.filter(kind=kind).aggregate(last=Max("version"))["last"] or 0
    version = TermsVersion(
        kind=kind,
        version=last + 1,
        title=title,
        body=body,
        effective_on=effective_on or timezone.localdate(),
        created_by=by,
    )
    version.full_clean()
    version.save()
    return version
