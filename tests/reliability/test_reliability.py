"""The reliability scenarios on the shared servers, at a load that fits in `make test` (`make reliability`
runs them in full). The scenarios that start servers of their own are in test_restart.py and
test_live_edits.py: separate modules, so make test's workers run them side by side."""

import pytest

from tests.reliability import scenarios

pytestmark = pytest.mark.servers


def test_hostile_input_gets_a_sensible_reply_and_no_5xx(bot):
    scenarios.assert_clean(scenarios.hostile_input(bot, count=200))


def test_hostile_input_in_one_conversation_then_a_screening_completes(bot):
    scenarios.assert_clean(scenarios.hostile_conversation(bot, count=120))


def test_engine_under_load_sequential_and_threaded():
    scenarios.assert_clean(scenarios.engine_load(evaluations=8_000, threads=8))


def test_concurrent_applicants_each_get_their_own_decision(bot):
    scenarios.assert_clean(scenarios.concurrent_applicants(bot, count=20, workers=20))


def test_privacy_no_values_in_logs_and_erasure(bot):
    scenarios.assert_clean(scenarios.privacy(bot))


def test_action_server_down_still_answers_within_5_seconds(spare):
    with spare.proxy.down():  # the spare server's proxy refuses every connection
        scenarios.assert_clean(scenarios.actions_unreachable(spare, messages=10))
