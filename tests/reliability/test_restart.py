"""Rasa killed mid-screening and started again, on servers of its own: the conversation goes on."""

import pytest

from tests.conftest import CHANNEL_SECRETS
from tests.reliability import scenarios

pytestmark = pytest.mark.servers


def test_rasa_killed_mid_screening_continues_after_restart(tmp_path, kb_path):
    env = {"KNOWLEDGE_DB": str(kb_path), **CHANNEL_SECRETS}
    scenarios.assert_clean(scenarios.kill_and_restart(tmp_path, env))
