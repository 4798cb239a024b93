"""Every role of DESIGN §2 around one case, for the permission tests of the new pages."""

from tests.factories.accounts import DepartmentFactory, DepartmentUserFactory, MemberFactory
from tests.scenarios import adoption_round


def people_around(case, *, office, department_user):
    """anonymous (None), the proposer of the case, another business, department staff assigned
    and not, an evaluator (of another case's round) and the office."""
    evaluator = adoption_round(office=office).assignments.first().evaluator
    return {
        "anonymous": None,
        "proposer": case.created_by,
        "other_business": MemberFactory(),
        "department_assigned": department_user,
        "department_other": DepartmentUserFactory(department=DepartmentFactory()),
        "evaluator": evaluator,
        "office": office,
    }


def answer_of(client, user, url, method="get"):
    client.logout()
    if user is not None:
        client.force_login(user)
    return getattr(client, method)(url)
