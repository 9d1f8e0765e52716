"""The decision log keeps screenings anonymised; the report shows them, or a labelled demo."""

import json
import re
import sqlite3

import pytest

from actions.respond import ActionRespond
from reports import log
from reports.report import build
from rules import evaluate
from tests.actions.trackers import run, tracker

pytestmark = pytest.mark.usefixtures("kb")
respond = ActionRespond()
CHICLAYO = {"name": "Chiclayo", "kind": "province", "lat": -6.7714, "lon": -79.8409, "department": "Lambayeque"}
ELIGIBLE = {"age": 35, "employment_status": "unemployed", "education": "secondary_complete", "household_head": True,
            "children": 2, "monthly_income": 900, "has_disability": False, "consent": True}
DONE = {"language": "es", "screening": True, "screening_id": "s1", "goal": "job", "work_experience_years": 0}


def show_result(**slots) -> None:
    """The last answer of a screening: the place, after which the result is shown."""
    run(respond, tracker(slots={**DONE, **slots, "asked": "place"}, text="vivo en Chiclayo"))


def all_rows(path):
    with sqlite3.connect(path) as db:
        db.row_factory = sqlite3.Row
        return [dict(r) for r in db.execute("SELECT * FROM screenings")]


def test_a_screening_leaves_one_anonymised_row_from_first_question_to_result(decision_log):
    events, _ = run(respond, tracker(text="quiero postular", intent="check_eligibility"))
    sid = next(e["value"] for e in events if e.get("name") == "screening_id")
    run(respond, tracker(slots={"language": "es", "screening": True, "screening_id": sid, "asked": "age"},
                         text="tengo 35"))
    (row,) = all_rows(decision_log)
    # stopped at the next question, in the order the policy stores (rules/policy/ask_order.yml)
    assert row["id"] == sid and row["completed"] == 0 and row["stopped_at"] == evaluate({"age": 35}).needed[0]

    show_result(**{**ELIGIBLE, "monthly_income": 1234, "screening_id": sid})
    (row,) = all_rows(decision_log)
    assert row["completed"] == 1 and row["stopped_at"] is None
    assert json.loads(row["statuses"])["capacitacion_laboral"] == "eligible"
    assert row["recommended"] == "capacitacion_laboral" and row["region"] == "Lambayeque"
    assert row["age_band"] == "30-59" and row["income_band"] == "750-1499"
    # No exact age, income, phone or conversation id anywhere in the row.
    text = json.dumps({key: value for key, value in row.items() if key != "id"})  # a random id may hold "35"
    assert "1234" not in text and "35" not in re.sub(r"30-59", "", text)
    assert "test-applicant" not in text and "test-applicant" not in row["id"]


def test_income_band_is_not_recorded_without_consent(decision_log):
    run(respond, tracker(slots={"screening": True, "screening_id": "s1", "asked": "age", "monthly_income": 900},
                         text="35"))
    (row,) = all_rows(decision_log)
    assert row["income_band"] is None


def test_failure_reasons_are_recorded_as_codes(decision_log):
    show_result(**{**ELIGIBLE, "employment_status": "employed"})
    (row,) = all_rows(decision_log)
    assert json.loads(row["reasons"]) == ["employment_situation", "min_work_experience"]
    assert row["recommended"] is None


def test_report_on_an_empty_log_is_a_labelled_demo(tmp_path):
    out = build(tmp_path / "missing.db", tmp_path / "report.html")
    page = out.read_text()
    assert "DEMO DATA" in page
    assert page.count("data:image/png;base64,") == 5
    assert "http://" not in page and "https://" not in page  # self-contained


def test_report_on_a_real_log_has_no_demo_notice(tmp_path, decision_log):
    show_result(**{**ELIGIBLE, "employment_status": "employed"})
    run(respond, tracker(slots={"screening": True, "screening_id": "s2", "asked": "age"}, text="hola",
                         intent="nlu_fallback"))
    page = build(decision_log, tmp_path / "report.html").read_text()
    assert "DEMO DATA" not in page and "2 screenings, 1 completed, 1 unfinished" in page


def test_log_errors_never_break_the_conversation(tmp_path):
    log.record_progress("x", "age", path=tmp_path)  # a folder, not a database: logged, not raised


def test_an_update_keeps_the_start_date_and_a_removed_log_is_created_again(tmp_path):
    # The connection is kept open between writes (issue 17): a new day updates the row, never its start,
    # and a log file removed by hand (a reset of the statistics) is created again on the next write.
    import datetime as dt

    path = tmp_path / "decisions.db"
    log.record_progress("s9", "age", today=dt.date(2026, 12, 1), path=path, language="es")
    log.record_progress("s9", "education", today=dt.date(2026, 12, 2), path=path, age=35)
    (row,) = all_rows(path)
    assert (row["started"], row["updated"], row["stopped_at"]) == ("2026-12-01", "2026-12-02", "education")
    assert (row["language"], row["age_band"], row["completed"]) == ("es", "30-59", 0)
    for leftover in tmp_path.glob("decisions.db*"):
        leftover.unlink()
    log.record_progress("s10", "age", today=dt.date(2026, 12, 3), path=path)
    assert [(r["id"], r["started"]) for r in all_rows(path)] == [("s10", "2026-12-03")]
