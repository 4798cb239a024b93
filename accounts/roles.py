"""The staff roles of DESIGN §2, as groups with model permissions.

The groups and their permissions are created by a data migration; this module
only names them and answers "is this user …?".
"""

OFFICE_STAFF = "office_staff"  # 共創推進室
DEPARTMENT_STAFF = "department_staff"  # 担当課


def _groups(user) -> dict[str, int]:
    """{name: id} of the user's groups, read once per user object (once per request)."""
    if not (user.is_authenticated and user.is_active):
        return {}
    cache = getattr(user, "_kyoso_groups", None)
    if cache is None:
        cache = dict(user.groups.values_list("name", "pk"))
        user._kyoso_groups = cache
    return cache


def _in_group(user, name):
    return name in _groups(user)


def group_ids(user) -> list[int]:
    """The ids of the user's groups (an organisation's, a department's, a role's): whose
    object permissions the user holds besides their own (proposals.selectors)."""
    return sorted(_groups(user).values())


def is_office(user) -> bool:
    """共創推進室 (or a superuser): sees and manages everything."""
    return bool(user.is_authenticated and user.is_active and user.is_superuser) or _in_group(
        user, OFFICE_STAFF
    )


def is_department_staff(user) -> bool:
    """担当課: works on what belongs to their own department only."""
    return _in_group(user, DEPARTMENT_STAFF) and user.department_id is not None


def is_city_staff(user) -> bool:
    """The city's side in general (office or department staff): the staff pages exist for them."""
    return is_office(user) or is_department_staff(user)


def is_evaluator(user) -> bool:
    """選定委員: a person with an evaluator assignment in some round (evaluation's
    EvaluatorAssignment, read through its reverse relation: accounts imports no later app)."""
    if not (user.is_authenticated and user.is_active):
        return False
    cached = getattr(user, "_kyoso_is_evaluator", None)
    if cached is None:
        cached = user.evaluator_assignments.exists()
        user._kyoso_is_evaluator = cached
    return cached


def reads_confidential_content(user) -> bool:
    """Whoever reads businesses' confidential proposals: the city's staff (admin accounts,
    the office, departments) and evaluators. They must use two-factor authentication when
    KYOSO_2FA_REQUIRED is on (accounts.middleware)."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_staff or is_city_staff(user) or is_evaluator(user)
