import pytest
from django.test import Client

from tests.factories.accounts import MemberFactory


@pytest.fixture
def proposer(db):
    return MemberFactory()


@pytest.fixture
def signed_in(proposer):
    client = Client()
    client.force_login(proposer)
    return client
