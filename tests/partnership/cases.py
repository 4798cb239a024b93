"""The agreement of a case, for the tests of every app that takes a case past the AGREE step.
Reached through the real services (agreement_with_item), or written directly when only the
workflow's check matters (signed_agreement)."""

import datetime

from django.utils import timezone

from partnership import agreements, selectors
from partnership.models import Agreement, RoleRiskItem

TODAY = timezone.localdate


def signed_agreement(case, *, by) -> Agreement:
    """The agreement the AGREE step needs: a term, one role and risk item, a signing date."""
    agreement = Agreement.objects.create(
        proposal=case,
        title="公共施設予約システムの運営に関する協定",
        starts_on=timezone.localdate(),
        signed_on=timezone.localdate(),
        signed_by=by,
        created_by=by,
    )
    RoleRiskItem.objects.create(
        agreement=agreement,
        item="システムの運用",
        city_role="利用者への周知",
        business_role="システムの保守・運用",
        risk_bearer=RoleRiskItem.Bearer.BUSINESS,
    )
    return agreement


def agreement_with_item(case, *, office):
    agreements.save_agreement(
        case=case,
        by=office,
        title="予約システム運営協定",
        starts_on=TODAY(),
        ends_on=TODAY() + datetime.timedelta(days=365),
        incentives="利用率目標達成で契約を1年延長。",
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
