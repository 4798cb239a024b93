"""The world the stories happen in: departments, demo accounts, organisations and the
co-creation list, made as the portal makes them. A second run finds each by its key (a code,
an e-mail, a founder, a title) and changes nothing that is already as the data says.
"""

import datetime

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.models import Department, User
from accounts.roles import DEPARTMENT_STAFF, OFFICE_STAFF
from accounts.services import (
    ORGANIZATION_FIELDS,
    accept_invitation,
    create_organization,
    has_organization,
    invite_member,
    organization_of,
)
from cocreation_list.models import (
    Field,
    Theme,
    ThemeAttachment,
    ThemeGoal,
    ThemeIndicator,
    ThemeQuestion,
)
from cocreation_list.services import close_theme, publish_theme
from mishima_kyoso.common import sample_documents
from proposals.fiscal import fiscal_year

# What each role of accounts.toml is in the portal: staff or not, and the group it joins.
ROLES = {
    "office": (True, OFFICE_STAFF),
    "department": (True, DEPARTMENT_STAFF),
    "evaluator": (False, None),  # 選定委員: assigned to rounds, nothing else
    "business": (False, None),  # in their organisation's group once they register or join
}


def upsert(model, lookup: dict, **values):
    """Like update_or_create, but saves only when a value differs: a second run writes nothing."""
    instance = model.objects.filter(**lookup).order_by("pk").first()
    if instance is None:
        instance = model(**lookup, **values)
        instance.save()
        return instance, True
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    for name in changed:
        setattr(instance, name, values[name])
    if changed:
        instance.save()
    return instance, False


def load_departments(run) -> None:
    for order, spec in enumerate(run.data.departments, start=1):
        run.departments[spec.code] = upsert(
            Department,
            {"code": spec.code},
            name=spec.name,
            phone=spec.phone,
            email=spec.email,
            sort_order=order * 10,
        )[0]


def load_accounts(run) -> None:
    """The demo accounts, with whether this run created them; the password is set only on
    creation: whoever changed it keeps theirs."""
    for spec in run.data.accounts:
        is_staff, group = ROLES[spec.role]
        values = {
            "full_name": spec.full_name,
            "is_staff": is_staff,
            "is_active": True,
            "department": run.departments[spec.department] if spec.department else None,
        }
        user = User.objects.filter(email__iexact=spec.email).first()
        created = user is None
        if created:
            user = User.objects.create_user(spec.email, run.data.password, **values)
            if spec.idle_days:
                idle_since = timezone.now() - datetime.timedelta(days=spec.idle_days)
                User.objects.filter(pk=user.pk).update(date_joined=idle_since)
        else:
            changed = [name for name, value in values.items() if getattr(user, name) != value]
            for name in changed:
                setattr(user, name, values[name])
            if changed:
                user.save(update_fields=changed)
        if group:
            user.groups.add(Group.objects.get(name=group))
        verify_email(user)
        run.accounts[spec.email] = (user, created)


def verify_email(user: User) -> None:
    """A verified primary address in allauth: with mandatory verification, a demo account
    signs in at once instead of waiting for a confirmation mail nobody receives."""
    address = EmailAddress.objects.filter(user=user, email__iexact=user.email).first()
    if address is not None and address.verified and address.primary:
        return
    # One primary address per user: an earlier primary (changed by hand) steps aside.
    EmailAddress.objects.filter(user=user, primary=True).exclude(email__iexact=user.email).update(
        primary=False
    )
    if address is None:
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    else:
        address.verified = address.primary = True
        address.save(update_fields=["verified", "primary"])


def load_themes(run) -> None:
    """The co-creation list, published and closed by the office through the services."""
    today, now, by = run.today, timezone.now(), run.user()

    def day(offset):
        return None if offset is None else today + datetime.timedelta(days=offset)

    def at(date, hour):
        moment = timezone.make_aware(datetime.datetime.combine(date, datetime.time(hour)))
        return min(moment, now)

    for spec in run.data.themes:
        theme, _created = upsert(
            Theme,
            {"title": spec.title},
            department=run.departments[spec.department],
            background=spec.background,
            wanted=spec.wanted,
            business_role=spec.business_role,
            city_offer=spec.city_offer,
            conditions=spec.conditions,
            is_year_round=spec.year_round,
            accepts_from=day(spec.opens),
            accepts_until=day(spec.closes),
        )
        theme.fields.set([run.fields[code] for code in spec.fields])

        # Status only moves forward (draft → published → closed), through the services, so a
        # second run does not publish again and published_at stays as it was.
        if spec.status != Theme.Status.DRAFT and theme.status == Theme.Status.DRAFT:
            # publish_theme keeps a published_at already set (as a reopened theme keeps its
            # date); dating it back makes the list read like one built up over months.
            theme.published_at = at(day(-spec.published_ago), 9)
            theme.save(update_fields=["published_at"])
            theme = publish_theme(theme=theme, by=by)
        if spec.status == Theme.Status.CLOSED and theme.status == Theme.Status.PUBLISHED:
            theme = close_theme(theme=theme, by=by)

        for item in spec.questions:
            asked_on = day(-item.asked_ago)
            ThemeQuestion.objects.get_or_create(
                theme=theme,
                question=item.question,
                defaults={
                    "answer": item.answer,
                    "asked_on": asked_on,
                    # Answered two days after the question, as the office would.
                    "answered_at": at(asked_on + datetime.timedelta(days=2), 17)
                    if item.answer
                    else None,
                },
            )

        load_theme_goals(run, theme, spec.goals)

        attachment = spec.attachment
        if attachment and not theme.attachments.filter(title=attachment.title).exists():
            content = sample_documents.pdf(attachment.heading, attachment.lines)
            # ThemeAttachment.save() keeps the Japanese file name as original_name; the
            # stored name is random.
            stored = ThemeAttachment(
                theme=theme,
                title=attachment.title,
                file=ContentFile(content, name=attachment.file_name),
            )
            stored.save()
            run.stored.append((stored.file.storage, stored.file.name))


def load_theme_goals(run, theme: Theme, goals) -> None:
    """The theme's goals on the four viewpoints, found by viewpoint, and their indicators,
    found by name; each indicator due at the end of a fiscal year (as a story's goals)."""
    year_end = fiscal_year(run.today) + 1  # a fiscal year ends on 31 March of the next
    for spec in goals:
        upsert(
            ThemeGoal, {"theme": theme, "viewpoint": spec.viewpoint}, description=spec.description
        )
        for item in spec.indicators:
            upsert(
                ThemeIndicator,
                {"theme": theme, "viewpoint": spec.viewpoint, "name": item.name},
                unit=item.unit,
                baseline=item.baseline,
                target=item.target,
                target_on=datetime.date(year_end + item.years, 3, 31),
            )


def load_organisations(run) -> None:
    """Each business registers itself (its group comes with it), invites colleagues, who
    accept; a second run finds the founder's organisation and adds nothing."""
    for spec in run.data.organisations:
        founder = run.user(spec.founder)
        organisation = organization_of(founder)
        if organisation is None:
            details = {key: getattr(spec, key) for key in ORGANIZATION_FIELDS}
            organisation = create_organization(by=founder, **details)
        for email in spec.colleagues:
            colleague = run.user(email)
            if not has_organization(colleague):
                invitation = invite_member(organization=organisation, by=founder, email=email)
                accept_invitation(token=invitation.token, user=colleague)
        for email in spec.invited:
            waiting = organisation.invitations.filter(
                email=email, accepted_at__isnull=True, expires_at__gt=timezone.now()
            ).exists()
            joined = organisation.memberships.filter(user__email__iexact=email).exists()
            if not (waiting or joined):
                invite_member(organization=organisation, by=founder, email=email)
        run.organisations.append(organisation)


def fields() -> dict[str, Field]:
    """The fields of the co-creation list (行政分野), made by the migrations."""
    return {field.code: field for field in Field.objects.all()}
