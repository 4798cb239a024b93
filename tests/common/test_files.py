"""Every private file is a PrivateFile kept in the private store (mishima_kyoso.common.files)."""

import re

import pytest

from dialogue.models import MessageAttachment
from mishima_kyoso.common.files import PrivateFile, private_storage, random_file_name
from partnership.models import AgreementDocument
from proposals.models import ProposalAttachment

PRIVATE_FILES = (ProposalAttachment, MessageAttachment, AgreementDocument)


@pytest.mark.parametrize("model", PRIVATE_FILES)
def test_every_private_file_model_keeps_its_file_in_the_private_store(model):
    assert issubclass(model, PrivateFile)
    # The store is named by the callable (as the migrations have it), resolved when used.
    assert model._meta.get_field("file")._storage_callable is private_storage


def test_a_message_file_has_its_message_time_and_no_upload_time_of_its_own():
    names = {field.name for field in MessageAttachment._meta.get_fields()}

    assert "uploaded_at" not in names
    assert {"original_name", "size", "content_type", "uploaded_by", "file"} <= names


def test_an_uploaded_file_gets_a_random_name_in_its_folder_keeping_only_the_extension():
    name = random_file_name("proposals", "三島市_提案書(最終).PDF")

    assert re.fullmatch(r"proposals/\d{4}/\d{2}/[0-9a-f]{32}\.pdf", name)
    assert random_file_name("proposals", "a.pdf") != random_file_name("proposals", "a.pdf")


def test_a_private_file_reads_as_its_original_name():
    attachment = ProposalAttachment(
        original_name="提案書.pdf", size=3, content_type="application/pdf"
    )

    assert str(attachment) == "提案書.pdf"
