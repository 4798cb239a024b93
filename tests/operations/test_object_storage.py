"""Object storage for every file (DESIGN §5, §6; issue 10).

With KYOSO_STORAGE=s3 the portal keeps its files in two buckets of an S3-compatible service: the
confidential ones (proposals' attachments, agreement documents, message files) in the private
bucket, the themes' documents in the public one. Every file is still served only by the views
that check who asks (共創指針 原則3), and a deleted file goes by a job queued in the deciding
transaction.

The contract is checked against moto's S3 server on loopback, through the portal's real views,
with boto3 as the independent witness of what lies in which bucket. Locally, the two stores are
two folders.
"""

import uuid
from pathlib import Path
from types import SimpleNamespace

import boto3
import pytest
from django.core.files.storage import storages
from django.test import Client
from django.urls import reverse
from moto.server import ThreadedMotoServer

from cocreation_list.models import Theme, ThemeAttachment
from dialogue.models import MessageAttachment
from mishima_kyoso.health import StorageNotReady, check_storage, storage_ready
from mishima_kyoso.storage import PRIVATE, PUBLIC, s3_storages
from proposals.jobs import delete_stored_file
from proposals.models import ProposalAttachment
from tests.factories.accounts import MemberFactory
from tests.factories.cocreation_list import ThemeFactory, field
from tests.factories.proposals import ProposalFactory, pdf_bytes, upload
from tests.scenarios import submit

pytestmark = pytest.mark.django_db

REGION = "ap-northeast-1"
ACCESS_KEY, SECRET_KEY = "kyoso-test", "kyoso-test-secret"
EVERYONE = "http://acs.amazonaws.com/groups/global/AllUsers"


@pytest.fixture(scope="module")
def s3_endpoint():
    """moto's S3 server in a thread, on a free port of 127.0.0.1, for this module."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def s3(s3_endpoint):
    """The witness: a plain boto3 client, not the portal's storage."""
    return boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name=REGION,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
    )


@pytest.fixture
def buckets(s3, s3_endpoint, settings):
    """Two new buckets, and the portal switched to them as KYOSO_STORAGE=s3 switches it."""
    suffix = uuid.uuid4().hex[:12]
    names = SimpleNamespace(private=f"kyoso-private-{suffix}", public=f"kyoso-public-{suffix}")
    for name in (names.private, names.public):
        s3.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION})
    stores = s3_storages(
        private_bucket=names.private,
        public_bucket=names.public,
        endpoint_url=s3_endpoint,
        region_name=REGION,
        access_key=ACCESS_KEY,
        secret_key=SECRET_KEY,
    )
    # As mishima_kyoso/settings.py builds it; Django's setting_changed resets the stores.
    settings.STORAGES = {**settings.STORAGES, "default": stores[PRIVATE], **stores}
    return names


def _keys(s3, bucket) -> list[str]:
    return sorted(item["Key"] for item in s3.list_objects_v2(Bucket=bucket).get("Contents", []))


def _content(s3, bucket, key) -> bytes:
    return s3.get_object(Bucket=bucket, Key=key)["Body"].read()


def _downloaded(response) -> bytes:
    assert response.status_code == 200
    assert response.streaming  # FileResponse over the stored object, never a redirect to it
    return b"".join(response.streaming_content)


@pytest.fixture
def proposer(db):
    return MemberFactory(email="proposer@biz.example.jp")


@pytest.fixture
def draft(proposer):
    return ProposalFactory(organization=proposer.membership.organization, created_by=proposer)


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _upload_to_draft(client, case, name="提案書.pdf", content=None):
    content = pdf_bytes("object storage") if content is None else content
    response = client.post(
        reverse("proposals:upload", args=[case.pk]), {"file": upload(name, content)}
    )
    assert response.status_code == 302, response.content.decode()[:500]
    return case.attachments.get(original_name=name), content


# Proposals' attachments: the private bucket, the checked view ------------------------------


def test_a_business_attachment_is_stored_in_the_private_bucket_and_served_only_through_the_checked_view(  # noqa: E501
    buckets, s3, s3_endpoint, proposer, draft, office_user
):
    client = _signed_in(proposer)

    stored, content = _upload_to_draft(client, draft)
    own = client.get(reverse("proposals:attachment", args=[draft.pk, stored.pk]))
    other = _signed_in(MemberFactory()).get(
        reverse("proposals:attachment", args=[draft.pk, stored.pk])
    )

    assert _keys(s3, buckets.private) == [stored.file.name]
    assert _content(s3, buckets.private, stored.file.name) == content
    assert _keys(s3, buckets.public) == []
    grants = s3.get_object_acl(Bucket=buckets.private, Key=stored.file.name)["Grants"]
    assert not [grant for grant in grants if grant["Grantee"].get("URI") == EVERYONE]
    assert _downloaded(own) == content
    assert own["Content-Type"] == "application/pdf"
    assert own["Cache-Control"] == "private, no-store"
    assert other.status_code == 404
    # Once submitted, the city reads the case: no page, the admin included, hands out an
    # address in the bucket; each links to the checked view.
    case = submit(draft)
    office = _signed_in(office_user)
    pages = [
        client.get(case.get_absolute_url()),
        office.get(reverse("proposals:staff_case", args=[case.pk])),
        office.get(reverse("admin:proposals_proposal_change", args=[case.pk])),
    ]
    for page in pages:
        assert page.status_code == 200
        html = page.content.decode()
        assert s3_endpoint not in html and buckets.private not in html
        assert "X-Amz-Signature" not in html
        assert reverse("proposals:attachment", args=[case.pk, stored.pk]) in html


def test_the_owner_gets_404_when_the_object_is_gone_from_the_bucket(buckets, s3, proposer, draft):
    client = _signed_in(proposer)
    stored, _content_sent = _upload_to_draft(client, draft)
    s3.delete_object(Bucket=buckets.private, Key=stored.file.name)

    response = client.get(reverse("proposals:attachment", args=[draft.pk, stored.pk]))

    assert response.status_code == 404


def test_a_business_removes_a_draft_attachment_and_the_object_goes_once_the_job_has_run(
    buckets, s3, proposer, draft, run_jobs
):
    client = _signed_in(proposer)
    stored, _content_sent = _upload_to_draft(client, draft)

    response = client.post(reverse("proposals:attachment_delete", args=[draft.pk, stored.pk]))
    queued = _keys(s3, buckets.private)
    ran = run_jobs()

    assert response.status_code == 302
    assert not ProposalAttachment.objects.exists()
    assert queued == [stored.file.name]  # the row is gone at once, the object by the job
    assert ran >= 1
    assert _keys(s3, buckets.private) == []


def test_deleting_an_object_twice_is_harmless_so_the_job_may_be_retried(buckets, s3):
    name = storages[PRIVATE].save("proposals/retry.pdf", upload("retry.pdf", pdf_bytes()))

    delete_stored_file(PRIVATE, name)
    delete_stored_file(PRIVATE, name)

    assert _keys(s3, buckets.private) == []


def test_an_upload_never_replaces_a_stored_object_of_the_same_name(buckets, s3):
    first = storages[PRIVATE].save("proposals/same.pdf", upload("same.pdf", b"first"))
    second = storages[PRIVATE].save("proposals/same.pdf", upload("same.pdf", b"second"))

    assert first != second
    assert _content(s3, buckets.private, first) == b"first"
    assert _content(s3, buckets.private, second) == b"second"


# The themes' documents: the public bucket, the theme's page ---------------------------------


def _theme_with_a_document(office_client, department, *, title, name, content):
    data = {
        "title": "公園の魅力向上",
        "department": str(department.pk),
        "fields": [str(field("machizukuri").pk)],
        "background": "公園の利用者が減っています。",
        "wanted": "にぎわいづくりの提案。",
        "business_role": "企画と運営。",
        "city_offer": "占用許可の調整。",
        "conditions": "",
        "is_year_round": "on",
        "accepts_from": "",
        "accepts_until": "",
        "contact": "",
        "_save": "保存",
        "attachments-TOTAL_FORMS": "1",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
        "attachments-0-title": title,
        "attachments-0-file": upload(name, content),
        "attachments-0-sort_order": "1",
        "questions-TOTAL_FORMS": "0",
        "questions-INITIAL_FORMS": "0",
        "questions-MIN_NUM_FORMS": "0",
        "questions-MAX_NUM_FORMS": "1000",
        **{
            f"{inline}-{name}": value
            for inline in ("goals", "indicators")
            for name, value in (("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0"))
        },
    }
    created = office_client.post(reverse("admin:cocreation_list_theme_add"), data)
    assert created.status_code == 302, created.content.decode()[:2000]
    theme = Theme.objects.get()
    published = office_client.post(
        reverse("admin:cocreation_list_theme_changelist"),
        {"action": "publish_selected", "_selected_action": [str(theme.pk)], "index": "0"},
    )
    assert published.status_code == 302
    theme.refresh_from_db()
    return theme


def test_the_office_uploads_a_theme_document_that_lands_in_the_public_bucket_and_downloads_from_the_theme_page(  # noqa: E501
    buckets, s3, client, office_user, department
):
    content = pdf_bytes("募集要項")
    theme = _theme_with_a_document(
        _signed_in(office_user), department, title="募集要項", name="募集要項.pdf", content=content
    )
    document = ThemeAttachment.objects.get(theme=theme)

    response = client.get(reverse("cocreation_list:attachment", args=[theme.number, document.pk]))

    assert theme.is_public
    assert _keys(s3, buckets.public) == [document.file.name]
    assert _content(s3, buckets.public, document.file.name) == content
    assert _keys(s3, buckets.private) == []
    assert _downloaded(response) == content
    assert document.get_absolute_url() == f"/themes/{theme.number}/files/{document.pk}/"


def test_a_visitor_gets_404_when_a_theme_document_is_gone_from_the_bucket(buckets, s3, client):
    document = ThemeAttachment(theme=ThemeFactory(), title="募集要項")
    document.file.save("募集要項.pdf", upload("募集要項.pdf", pdf_bytes()), save=True)
    s3.delete_object(Bucket=buckets.public, Key=document.file.name)

    response = client.get(document.get_absolute_url())

    assert response.status_code == 404


# Dialogue: a message's file goes to the private bucket ---------------------------------------


def test_a_dialogue_message_file_is_stored_in_the_private_bucket_and_read_by_the_city(
    buckets, s3, proposer, draft, office_user
):
    case = submit(draft)
    content = pdf_bytes("対話資料")

    sent = _signed_in(proposer).post(
        reverse("dialogue:thread", args=[case.pk]),
        {"body": "補足資料をお送りします。", "files": [upload("補足資料.pdf", content)]},
    )
    stored = MessageAttachment.objects.get()
    read = _signed_in(office_user).get(stored.get_absolute_url())
    outsider = _signed_in(MemberFactory()).get(stored.get_absolute_url())

    assert sent.status_code == 302
    assert _keys(s3, buckets.private) == [stored.file.name]
    assert _content(s3, buckets.private, stored.file.name) == content
    assert _keys(s3, buckets.public) == []
    assert _downloaded(read) == content
    assert outsider.status_code == 404


# Readiness (mishima_kyoso.health): cheap, and it says which store fails ---------------------


def test_the_storage_is_ready_when_both_buckets_answer(buckets):
    check_storage()

    assert storage_ready()


def test_the_storage_is_not_ready_when_a_bucket_is_missing(buckets, s3):
    s3.delete_bucket(Bucket=buckets.public)

    with pytest.raises(StorageNotReady, match="'public'"):
        check_storage()
    assert not storage_ready()
    check_storage([PRIVATE])  # the other one still answers


def test_the_storage_is_not_ready_when_the_service_does_not_answer(settings):
    # Nothing listens on port 1 of loopback: the connection is refused at once.
    settings.STORAGES = {
        **settings.STORAGES,
        **s3_storages(
            private_bucket="kyoso-private",
            public_bucket="kyoso-public",
            endpoint_url="http://127.0.0.1:1",
            region_name=REGION,
            access_key=ACCESS_KEY,
            secret_key=SECRET_KEY,
        ),
    }

    assert not storage_ready()


# Locally (KYOSO_STORAGE=local, the default): two folders ------------------------------------


def test_locally_private_and_public_files_live_in_two_folders_under_the_tests_media_root(
    settings, proposer, draft
):
    theme_document = ThemeAttachment(theme=draft.theme, title="募集要項")
    theme_document.file.save("募集要項.pdf", upload("募集要項.pdf", pdf_bytes()), save=True)
    stored, _content_sent = _upload_to_draft(_signed_in(proposer), draft)

    media = Path(settings.MEDIA_ROOT)
    assert Path(storages[PRIVATE].path(stored.file.name)) == media / stored.file.name
    assert Path(storages[PUBLIC].path(theme_document.file.name)) == (
        media / "public" / theme_document.file.name
    )
    assert (media / "public" / theme_document.file.name).is_file()
    assert not (media / theme_document.file.name).exists()
    check_storage()


def test_locally_a_media_folder_that_is_a_file_is_not_ready(settings, tmp_path):
    (tmp_path / "not-a-folder").write_text("")
    settings.MEDIA_ROOT = tmp_path / "not-a-folder"

    with pytest.raises(StorageNotReady, match="'private'"):
        check_storage()
