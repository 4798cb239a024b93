"""The world the scale cases belong to: departments, fields, organisations with one member
each (and their groups), the benchmark accounts, and the co-creation list."""

import datetime
import secrets

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from stdnum.jp import cn

from accounts.models import Department, Membership, Organization, User
from cocreation_list.models import Field, Theme

from . import words
from .writer import insert


def load_departments() -> list[Department]:
    """The city's departments; eight are made (as the demo names them) when there are none."""
    departments = list(Department.objects.order_by("sort_order", "pk"))
    if departments:
        return departments
    for order, (code, name) in enumerate(words.DEPARTMENTS, start=1):
        department = Department(code=code, name=name, sort_order=order * 10)
        department.save()  # its group comes with it
        departments.append(department)
    return departments


def load_fields() -> list[Field]:
    """The administrative fields (行政分野) the migrations seed."""
    return list(Field.objects.order_by("sort_order", "pk"))


def load_organisations(run, count: int) -> None:
    """`count` organisations, each with its group and one member (who writes its cases)."""
    rng, now = run.rng, run.now
    group_ids = run.ids.take(Group, count)
    org_ids = run.ids.take(Organization, count)
    user_ids = run.ids.take(User, count)
    membership_ids = run.ids.take(Membership, count)
    link_ids = run.ids.take(User.groups.through, count)
    password = make_password(None)  # unusable: these members never sign in
    token = secrets.token_hex(4)
    orgs, users = [], []
    for n, (org_id, group_id, user_id) in enumerate(zip(org_ids, group_ids, user_ids, strict=True)):
        form = rng.randrange(len(words.ORG_FORMS))
        word, word_kana = words.ORG_WORDS[n % len(words.ORG_WORDS)]
        trade, trade_kana = words.ORG_TRADES[(n // len(words.ORG_WORDS)) % len(words.ORG_TRADES)]
        suffix = n // (len(words.ORG_WORDS) * len(words.ORG_TRADES))
        name = f"{words.ORG_FORMS[form]}{word}{trade}" + (f"{suffix + 1}" if suffix else "")
        kana = f"{words.ORG_FORMS_KANA[form]}{word_kana}{trade_kana}"
        person = f"{rng.choice(words.FAMILY_NAMES)} {rng.choice(words.GIVEN_NAMES)}"
        email = f"scale-{token}-{org_id}@example.jp"
        joined = now - datetime.timedelta(days=rng.randrange(30, 2600))
        size = rng.choice(Organization.Size.values)
        number = "" if size in ("sole", "other") else _corporate_number(org_id)
        phone = f"055-9{rng.randrange(10, 99)}-{rng.randrange(1000, 9999)}"
        orgs.append(
            (
                org_id,
                name,
                kana,
                number,
                "411-8666",
                "静岡県三島市北田町4-47",
                person,
                person,
                phone,
                email,
                size,
                rng.random() < 0.6,
                group_id,
                joined,
                joined,
            )
        )
        users.append((user_id, password, False, False, True, joined, email, person, "", "", False))
        run.organisations.append(
            {
                "id": org_id,
                "group_id": group_id,
                "user_id": user_id,
                "name": name,
                "person": person,
                "phone": phone,
                "email": email,
            }
        )
    insert(Group, ["id", "name"], ((g, f"organization:{token}-{g}") for g in group_ids))
    insert(
        User,
        [
            "id",
            "password",
            "is_superuser",
            "is_staff",
            "is_active",
            "date_joined",
            "email",
            "full_name",
            "first_name",
            "last_name",
            "is_evaluator",
        ],
        users,
    )
    insert(
        Organization,
        [
            "id",
            "name",
            "name_kana",
            "corporate_number",
            "postal_code",
            "address",
            "representative",
            "contact_person",
            "phone",
            "email",
            "size",
            "is_local",
            "group",
            "created_at",
            "updated_at",
        ],
        orgs,
    )
    insert(
        Membership,
        ["id", "user", "organization", "joined_at"],
        zip(membership_ids, user_ids, org_ids, (row[13] for row in orgs), strict=True),
    )
    insert(
        User.groups.through,
        ["id", "user", "group"],
        zip(link_ids, user_ids, group_ids, strict=True),
    )
    run.count("organisations", count)


def _corporate_number(org_id: int) -> str:
    """法人番号 with its check digit, unique per organisation id (9 then the id)."""
    base = f"9{org_id:011d}"
    return cn.calc_check_digit(base) + base


def theme_text(rng, field_code: str) -> tuple[str, dict]:
    """A theme's title and texts in the field's words."""
    topic = rng.choice(words.TOPICS[field_code])
    place = rng.choice(words.PLACES)
    if rng.random() < 0.5:
        title = f"{place}における{topic}{rng.choice(words.ACTIONS)}"
    else:
        title = f"{rng.choice(words.METHODS)}{topic}{rng.choice(words.ACTIONS)}"
    texts = {
        "background": rng.choice(words.BACKGROUNDS).format(topic=topic, place=place),
        "wanted": rng.choice(words.WANTED).format(topic=topic, place=place),
        "business_role": rng.choice(words.ROLES),
        "city_offer": rng.choice(words.OFFERS),
        "conditions": rng.choice(words.CONDITIONS),
    }
    return title[:200], texts


def load_themes(run, count: int) -> None:
    """`count` themes: most published (open, upcoming, past their deadline or year-round),
    some closed, a few drafts; each in one or two fields, over the departments and years."""
    rng, now, today = run.rng, run.now, run.today
    ids = run.ids.take(Theme, count)
    top = Theme.objects.order_by("-number").values_list("number", flat=True).first() or 0
    rows, links = [], []
    for n, theme_id in enumerate(ids):
        fields = rng.sample(run.fields, k=1 if rng.random() < 0.6 else 2)
        title, texts = theme_text(rng, fields[0].code)
        roll = rng.random()
        status = "draft" if roll < 0.05 else "closed" if roll < 0.3 else "published"
        published = None if status == "draft" else run.moment_between(run.start, now)
        year_round, starts, ends, closed = rng.random() < 0.3, None, None, None
        base = (published or now).date()
        if status == "closed":
            year_round = False
            starts, ends = base, base + datetime.timedelta(days=rng.randrange(30, 120))
            closed = min(now, published + datetime.timedelta(days=rng.randrange(30, 150)))
        elif not year_round:
            kind = rng.random()
            if kind < 0.5:  # accepting now
                starts = min(base, today)
                ends = today + datetime.timedelta(days=rng.randrange(1, 120))
            elif kind < 0.65:  # opens soon
                starts = today + datetime.timedelta(days=rng.randrange(1, 45))
                ends = starts + datetime.timedelta(days=rng.randrange(30, 90))
            else:  # past its deadline
                starts = base
                ends = max(base, today - datetime.timedelta(days=rng.randrange(1, 400)))
                starts = min(starts, ends)
        department = run.department_for(fields[0].code)
        created = (published or now) - datetime.timedelta(days=rng.randrange(1, 20))
        rows.append(
            (
                theme_id,
                top + n + 1,
                title,
                texts["background"],
                texts["wanted"],
                texts["business_role"],
                texts["city_offer"],
                texts["conditions"],
                department.pk,
                year_round,
                starts,
                ends,
                status,
                published,
                closed,
                "",
                created,
                closed or published or created,
            )
        )
        links.extend((theme_id, field.pk) for field in fields)
        if status != "draft":
            run.themes.append(
                {"id": theme_id, "field": fields[0].code, "field_name": fields[0].name,
                 "department": department.pk}
            )  # fmt: skip
    insert(
        Theme,
        [
            "id",
            "number",
            "title",
            "background",
            "wanted",
            "business_role",
            "city_offer",
            "conditions",
            "department",
            "is_year_round",
            "accepts_from",
            "accepts_until",
            "status",
            "published_at",
            "closed_at",
            "contact",
            "created_at",
            "updated_at",
        ],
        rows,
    )
    link_ids = run.ids.take(Theme.fields.through, len(links))
    insert(
        Theme.fields.through,
        ["id", "theme", "field"],
        ((link_id, *link) for link_id, link in zip(link_ids, links, strict=True)),
    )
    run.count("themes", count)
