"""Long runs say what they do and keep the logs of a failure (bench/progress.py)."""

from __future__ import annotations

import os
import sys

import pytest

from bench import progress


def test_a_failed_command_names_its_log_and_its_last_line(tmp_path):
    log = tmp_path / "train.log"
    script = "import sys; print('Epochs: 1/80'); print('ValueError: no training data', flush=True); sys.exit(3)"
    with pytest.raises(progress.Failed) as failed:
        progress.run_logged([sys.executable, "-c", script], tmp_path, dict(os.environ), log, "rasa train")
    assert failed.value.log == log
    assert str(failed.value) == f"rasa train failed: exit status 3: ValueError: no training data (log: {log})"
    assert log.read_text() == "Epochs: 1/80\nValueError: no training data\n"


def test_the_bar_shows_the_latest_line_of_a_progress_bar_that_rewrites_itself(tmp_path):
    log = tmp_path / "train.log"
    log.write_bytes(b"Starting DIET\nEpochs:  1%| 1/80\rEpochs:  2%| 2/80\r\x1b[32mEpochs:  4%| 3/80\x1b[0m\r")
    assert progress.last_line(log) == "Epochs:  4%| 3/80"


def test_steps_are_written_with_their_outcome(capsys):
    bar = progress.Progress("run", steps=2)
    with bar.step("first"):
        pass
    with pytest.raises(RuntimeError), bar.step("second"):
        raise RuntimeError("boom")
    bar.close()
    out = capsys.readouterr().out  # the list of steps on stdout, with the table; the bar on stderr
    assert out.splitlines() == ["  done    first (0 s)", "  FAILED  second (0 s)"]


def test_keep_logs_copies_only_the_logs_to_test_output(tmp_path, monkeypatch):
    monkeypatch.setattr(progress, "OUTPUT", tmp_path / "test-output")
    work = tmp_path / "reliability-x"
    (work / "main" / "logs").mkdir(parents=True)
    (work / "main" / "logs" / "rasa.log").write_text("rasa log")
    (work / "main" / "serve.out").write_text("serve out")
    (work / "main" / "tracker.db").write_bytes(b"conversations")
    kept = progress.keep_logs("reliability", work)
    assert kept.parent == tmp_path / "test-output" and kept.name.startswith("reliability-")
    files = sorted(str(p.relative_to(kept)) for p in kept.rglob("*") if p.is_file())
    assert files == ["reliability-x/main/logs/rasa.log", "reliability-x/main/serve.out"]
