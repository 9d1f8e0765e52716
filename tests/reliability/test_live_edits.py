"""A maintainer breaks the policy and a FAQ file under a running assistant, on servers of its own."""

import pytest

from tests.conftest import CHANNEL_SECRETS
from tests.reliability import scenarios

pytestmark = pytest.mark.servers


def test_broken_policy_and_faq_files_are_refused_while_running(tmp_path, kb_path):
    env = {"KNOWLEDGE_DB": str(kb_path), **CHANNEL_SECRETS}
    scenarios.assert_clean(scenarios.broken_files_while_running(tmp_path, env))
