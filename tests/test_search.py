"""Japanese keyword search (issue 14 §3): themes for everyone, cases and organisations for the
office, found by a word of one or more characters (two-character words such as 観光 included)
in either kana and either width; a word is found only where it is written in one piece. On
PostgreSQL the search goes through a GIN index of the text's characters and character pairs.
"""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.urls import reverse

from accounts.models import Organization
from cocreation_list.filters import ThemeFilter
from cocreation_list.models import Theme
from mishima_kyoso import search
from proposals.models import Proposal
from proposals.search import search_cases
from tests.factories.accounts import MemberFactory, OrganizationFactory
from tests.factories.cocreation_list import ThemeFactory
from tests.proposals.helpers import received

pytestmark = pytest.mark.django_db

CASES = reverse("admin:proposals_proposal_changelist")
ORGANIZATIONS = reverse("admin:accounts_organization_changelist")
WORK_LIST = reverse("proposals:staff_cases")


def themes_found(query) -> set:
    return set(ThemeFilter({"q": query}, queryset=Theme.objects.public()).qs)


def listed(response) -> set:
    assert response.status_code == 200
    return set(response.context["cl"].result_list)


# The folding rule ------------------------------------------------------------------------------


def test_text_is_folded_to_one_width_one_case_and_one_kana():
    assert search.fold("ＡＩ　ｶﾀｶﾅ と かたかな\n観光") == "ai カタカナ ト カタカナ 観光"
    assert search.terms("観光　ＤＸ  みしま") == ["観光", "dx", "ミシマ"]


def test_grams_are_the_characters_and_pairs_of_each_word_never_across_two_words():
    assert search.grams("観光 防災").split() == sorted(["観", "光", "観光", "防", "災", "防災"])
    assert "光防" not in search.grams("観光 防災").split()


# Themes ------------------------------------------------------------------------------------------


def test_visitor_finds_themes_by_a_two_character_word():
    tourism = ThemeFactory(title="観光案内のデジタル化")
    disaster = ThemeFactory(title="公共施設", wanted="防災訓練の参加者を増やす提案")
    ThemeFactory(title="公園の清掃")

    assert themes_found("観光") == {tourism}
    assert themes_found("防災") == {disaster}
    assert themes_found("観") == {tourism}


def test_visitor_finds_a_theme_typed_in_the_other_kana_or_width():
    theme = ThemeFactory(title="ミシマコロッケのＰＲ", business_role="ｲﾍﾞﾝﾄの企画")

    for typed in ("みしまころっけ", "ミシマコロッケ", "pr", "ＰＲ", "イベント", "いべんと"):
        assert themes_found(typed) == {theme}, typed


def test_a_word_must_be_written_in_one_piece_not_in_pairs_found_apart():
    # 東京 and 京都 are both in the text, 東京都 is not; 観 ends one field and 光 starts the next.
    theme = ThemeFactory(title="東京と京都の夜の観", background="光の演出で街を彩る")

    assert themes_found("東京都") == set()
    assert themes_found("観光") == set()
    assert themes_found("東京") == {theme}
    assert themes_found("の観") == {theme}


def test_the_search_text_follows_an_edit_of_the_theme():
    theme = ThemeFactory(title="旧題名")

    theme.title = "地域交通の再編"
    theme.save()

    assert themes_found("地域交通") == {theme}
    assert themes_found("旧題名") == set()


# Cases (the office) ------------------------------------------------------------------------------


def test_office_finds_a_case_by_a_word_in_its_title_and_another_in_its_organisation(
    client, office_user
):
    organization = OrganizationFactory(name="観光サービス株式会社", name_kana="カンコウサービス")
    case = received(organization=organization, title="防災マップのアプリ")
    other = received(title="観光マップのアプリ")
    client.force_login(office_user)

    assert listed(client.get(CASES, {"q": "観光 防災"})) == {case}
    assert listed(client.get(CASES, {"q": "かんこう"})) == {case}
    assert listed(client.get(CASES, {"q": "マップ"})) == {case, other}
    assert listed(client.get(CASES, {"q": "防災 サービス 存在しない"})) == set()


def test_office_finds_a_case_by_its_reference_in_the_admin_too(client, office_user):
    case = received(title="公園の清掃")
    received(title="公園の清掃")
    client.force_login(office_user)

    compact = case.reference.replace("-", "")
    full_width = case.reference.translate(str.maketrans("R0123456789-", "Ｒ０１２３４５６７８９－"))
    for typed in (case.reference, compact, full_width, case.reference.lower()):
        assert listed(client.get(CASES, {"q": typed})) == {case}, typed


def test_an_organisation_renamed_is_found_by_its_new_name_in_the_work_list(client, office_user):
    case = received(title="図書館の電子書籍")
    case.organization.name = "株式会社富士見ソフト"
    case.organization.name_kana = "カブシキガイシャフジミソフト"
    case.organization.save()

    assert set(search_cases(Proposal.objects.all(), "富士見")) == {case}
    assert set(search_cases(Proposal.objects.all(), "ふじみ")) == {case}
    client.force_login(office_user)
    rows = client.get(WORK_LIST, {"q": "富士見"}).context["rows"]
    assert [row["case"] for row in rows] == [case]


# Organisations (the office, in the admin) --------------------------------------------------------


def test_office_finds_an_organisation_by_name_reading_number_or_email(client, office_user):
    wanted = OrganizationFactory(
        name="ＮＰＯ法人 子育て応援団",
        name_kana="エヌピーオーホウジンコソダテオウエンダン",
        corporate_number="5080001000001",
    )
    MemberFactory(organization=wanted, email="hanako@kosodate.example.jp")
    OrganizationFactory(name="観光協会", name_kana="カンコウキョウカイ")
    client.force_login(office_user)

    for typed in ("子育て", "npo", "こそだて", "5080001", "kosodate.example", "育て 応援"):
        assert listed(client.get(ORGANIZATIONS, {"q": typed})) == {wanted}, typed


# Rows written without save() ---------------------------------------------------------------------


def test_rows_loaded_in_bulk_are_found_after_reindexing():
    groups = Group.objects.bulk_create([Group(name=f"organization:bulk{n}") for n in range(3)])
    Organization.objects.bulk_create(
        Organization(
            name=name,
            name_kana="テスト",
            postal_code="411-0000",
            address="三島市",
            representative="代表",
            contact_person="担当",
            phone="055-000-0000",
            email="bulk@example.jp",
            size=Organization.Size.SMALL,
            group=group,
        )
        for name, group in zip(("防災の会", "観光の会", "子育ての会"), groups, strict=True)
    )
    assert not search.matches(Organization.objects.all(), "防災").exists()

    counts = search.reindex_all()

    assert counts["accounts.Organization"] == 3
    assert [o.name for o in search.matches(Organization.objects.all(), "防災")] == ["防災の会"]


# The index (PostgreSQL) --------------------------------------------------------------------------


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the GIN index is PostgreSQL's")
@pytest.mark.parametrize(
    ("table", "queryset"),
    [
        ("cocreation_list_theme", Theme.objects.public),
        ("proposals_proposal", lambda: Proposal.objects.exclude(status=Proposal.Status.DRAFT)),
        ("accounts_organization", Organization.objects.all),
    ],
)
def test_each_list_searches_with_the_expression_of_its_gin_index(table, queryset):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = %s", [f"{table}_grams_gin"]
        )
        (definition,) = cursor.fetchone()
    assert "USING gin (string_to_array(search_grams, ' '::text))" in definition

    sql = str(search.matches(queryset(), "防災").query)

    assert f'string_to_array("{table}"."search_grams", \' \') @> ' in sql
    if "WHERE" in definition:  # a partial index: the list's query carries its condition
        assert "draft" in sql
