"""Helpers of the evaluation tests: the codes of a service's refusal; a selection round whose
candidates carry distinctive names, so that a leak can be searched (anonymisation tests' own
data, on a round from tests/scenarios)."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError

from accounts.models import Organization, User
from evaluation.models import Round
from proposals.models import Proposal
from tests.factories.proposals import attach
from tests.scenarios import selection_round


def codes(refusal: ValidationError) -> set[str]:
    """Every code of a refusal, whether one error, a list or errors by field."""
    if hasattr(refusal, "error_dict"):
        return {error.code for errors in refusal.error_dict.values() for error in errors}
    return {error.code for error in refusal.error_list}


@dataclass
class Secrets:
    """Every string of a candidate that must never reach an anonymised evaluator page."""

    strings: list[str]

    def found_in(self, html: str) -> list[str]:
        return [text for text in self.strings if text in html]


def disguise(round: Round) -> Secrets:
    """Give each candidate's organisation, members, contact and files a distinctive name."""
    strings = []
    for index, candidate in enumerate(round.candidates.select_related("proposal"), start=1):
        case = candidate.proposal
        tag = f"秘匿{index}"
        Organization.objects.filter(pk=case.organization_id).update(
            name=f"株式会社{tag}商事",
            name_kana=f"ヒトク{index}ショウジ",
            representative=f"代表{tag}太郎",
            contact_person=f"窓口{tag}花子",
            phone=f"055-111-{index:04d}",
            email=f"org{index}@hitoku.example.jp",
        )
        Proposal.objects.filter(pk=case.pk).update(
            contact_name=f"連絡{tag}次郎",
            contact_phone=f"055-222-{index:04d}",
            contact_email=f"contact{index}@hitoku.example.jp",
        )
        User.objects.filter(membership__organization_id=case.organization_id).update(
            full_name=f"社員{tag}三郎"
        )
        attach(case, name=f"株式会社{tag}商事_提案書.pdf")
        case.refresh_from_db()
        strings += [
            f"株式会社{tag}商事",
            f"ヒトク{index}ショウジ",
            f"代表{tag}太郎",
            f"窓口{tag}花子",
            f"055-111-{index:04d}",
            f"org{index}@hitoku.example.jp",
            f"連絡{tag}次郎",
            f"055-222-{index:04d}",
            f"contact{index}@hitoku.example.jp",
            f"社員{tag}三郎",
            f"{tag}商事_提案書",
            case.reference,
        ]
    return Secrets(strings)


def disguised_round(*, office, anonymised=True, applications=2, evaluators=2):
    round = selection_round(
        office=office, applications=applications, evaluators=evaluators, anonymised=anonymised
    )
    return round, disguise(round)
