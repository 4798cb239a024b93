"""Stage 3 (事業具体化), the agreement (協定): written, with its role and risk table, and signed
through the partnership services, which take the AGREE step (and START_OPERATION when the
term has begun)."""

import datetime

from django.utils import timezone

from partnership import agreements, selectors
from tests.factories.proposals import pdf_bytes, upload

TODAY = timezone.localdate


def agreement_with_item(case, *, office, starts_on=None, **changes):
    """The office writes the agreement of an adopted (direct) or selected case and one row of
    its role and risk table; unsigned."""
    starts_on = starts_on or TODAY()
    agreements.save_agreement(
        case=case,
        by=office,
        **{
            "title": "予約システム運営協定",
            "starts_on": starts_on,
            "ends_on": starts_on + datetime.timedelta(days=365),
            "incentives": "利用率目標達成で契約を1年延長。",
            **changes,
        },
    )
    agreements.save_role_risk_item(
        case=case,
        by=office,
        item="システム障害",
        city_role="利用者への周知",
        business_role="復旧対応",
        risk_bearer="business",
        order=10,
    )
    return selectors.agreement_of(case)


def signed(case, *, office, starts_later=False):
    """The agreement written and signed today: the case is `agreed` and waits when its term
    starts tomorrow (`starts_later`), in operation at once otherwise."""
    starts_on = TODAY() + datetime.timedelta(days=1 if starts_later else 0)
    agreement_with_item(case, office=office, starts_on=starts_on)
    return agreements.sign_agreement(case=case, signed_on=TODAY(), by=office)


def agreement_document(agreement, *, office, name="協定書.pdf", content=None):
    """A document of the agreement (the signed copy, an amendment), as the office adds it."""
    return agreements.add_agreement_document(
        agreement=agreement,
        by=office,
        uploaded=upload(name, pdf_bytes("agreement") if content is None else content),
    )
