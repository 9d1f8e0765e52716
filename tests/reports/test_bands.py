"""The decision log's age and income bands come from the policy's own limits, never from numbers in code."""

import shutil

from reports import log
from rules import load_policy
from rules.policy import POLICY_DIR


def test_bands_today_are_the_policys_limits():
    assert [name for _, _, name in log.bands("age")] == ["<18", "18-29", "30-59", "60+"]
    assert [name for _, _, name in log.bands("monthly_income")] == ["<750", "750-1499", "1500+"]
    assert [log.band(v, "monthly_income") for v in (0, 749.99, 750, 1499.99, 1500, None)] == [
        "<750", "<750", "750-1499", "750-1499", "1500+", None]
    assert [log.band(v, "age") for v in (17, 18, 29, 30, 59, 60)] == ["<18", "18-29", "18-29", "30-59", "30-59", "60+"]


def test_bands_follow_an_edited_policy(tmp_path):
    folder = tmp_path / "policy"
    shutil.copytree(POLICY_DIR, folder)
    text = (folder / "parameters.yml").read_text()
    text = text.replace("    2009-04-01: 1500\n", "    2009-04-01: 1800\n")
    text = text.replace("    2014-01-01: {min: 30, max: 59}", "    2014-01-01: {min: 25, max: 64}")
    (folder / "parameters.yml").write_text(text)
    policy = load_policy(folder)
    assert [name for _, _, name in log.bands("monthly_income", policy)] == ["<900", "900-1799", "1800+"]
    assert [name for _, _, name in log.bands("age", policy)] == ["<18", "18-24", "25-64", "65+"]
