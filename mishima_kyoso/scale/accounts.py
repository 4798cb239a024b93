"""The accounts the benchmarks sign in with: the office, the department with the most cases,
and a member of the organisation with the most cases; made once, found again on a later run."""

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from accounts.models import Department, Membership, Organization, User
from accounts.roles import DEPARTMENT_STAFF, OFFICE_STAFF

OFFICE_EMAIL = "scale-office@example.jp"
DEPARTMENT_EMAIL = "scale-dept@example.jp"
LARGEST_EMAIL = "scale-largest@example.jp"


def account(email: str, password: str, *, is_staff=False, department=None, group=None) -> User:
    """A benchmark account, made once: a second run finds it and sets what the run needs."""
    user, created = User.objects.get_or_create(
        email=email, defaults={"full_name": email.split("@")[0], "is_staff": is_staff}
    )
    if created or not user.check_password(password):
        user.set_password(password)
    user.is_staff, user.is_active, user.department = is_staff, True, department
    user.save()  # syncs the department's group
    if group:
        user.groups.add(Group.objects.get(name=group))
    address, _new = EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    if not (address.verified and address.primary):
        address.verified = address.primary = True
        address.save(update_fields=["verified", "primary"])
    return user


def office_account(password: str) -> User:
    return account(OFFICE_EMAIL, password, is_staff=True, group=OFFICE_STAFF)


def department_account(password: str, department: Department) -> User:
    return account(
        DEPARTMENT_EMAIL, password, is_staff=True, department=department, group=DEPARTMENT_STAFF
    )


def largest_account(password: str, organization_id: int) -> User:
    """A member of the organisation with the most cases (kept in its own one if it has one)."""
    user = account(LARGEST_EMAIL, password)
    if not Membership.objects.filter(user=user).exists():
        organization = Organization.objects.get(pk=organization_id)
        Membership.objects.create(user=user, organization=organization)
        user.groups.add(organization.group)
    return user
