"""The reliability scenarios at a load that fits in `make test` (`make reliability` runs them in full)."""

import pytest

from tests.conftest import CHANNEL_SECRETS
from tests.reliability import scenarios

pytestmark = pytest.mark.servers


def assert_clean(row):
    assert row["failures"] == 0 and row["lost"] == 0, row


def test_hostile_input_gets_a_sensible_reply_and_no_5xx(bot):
    assert_clean(scenarios.hostile_input(bot, count=200))


def test_hostile_input_in_one_conversation_then_a_screening_completes(bot):
    assert_clean(scenarios.hostile_conversation(bot, count=120))


def test_engine_under_load_sequential_and_threaded():
    assert_clean(scenarios.engine_load(evaluations=8_000, threads=8))


def test_concurrent_applicants_each_get_their_own_decision(bot):
    assert_clean(scenarios.concurrent_applicants(bot, count=20, workers=20))


def test_privacy_no_values_in_logs_and_erasure(bot):
    assert_clean(scenarios.privacy(bot))


def test_rasa_killed_mid_screening_continues_after_restart(tmp_path, kb_path):
    assert_clean(scenarios.kill_and_restart(tmp_path, {"KNOWLEDGE_DB": str(kb_path), **CHANNEL_SECRETS}))


def test_action_server_down_still_answers_within_5_seconds(tmp_path, kb_path):
    assert_clean(scenarios.action_server_down(tmp_path, {"KNOWLEDGE_DB": str(kb_path), **CHANNEL_SECRETS}, messages=10))


def test_broken_policy_and_faq_files_are_refused_while_running(tmp_path, kb_path):
    assert_clean(scenarios.broken_files_while_running(tmp_path, {"KNOWLEDGE_DB": str(kb_path), **CHANNEL_SECRETS}))
