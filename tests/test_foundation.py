"""The set-up a newcomer relies on: help, Python discovery, no re-install, hygiene."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(args, **kwargs):
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=120, **kwargs)


def test_make_without_target_prints_help():
    result = run(["make", "--no-print-directory"])
    assert result.returncode == 0
    for target in ("run", "test", "shell", "train", "validate", "lint", "bench", "help"):
        assert f"make {target}" in result.stdout


def test_find_python_refuses_a_python_that_is_not_310():
    env = dict(os.environ, PYTHON="/bin/false")
    result = run(["scripts/find-python"], env=env)
    assert result.returncode == 1
    assert "not a working Python 3.10" in result.stderr


def test_find_python_says_how_to_install_when_none_is_found(tmp_path):
    # Only the shell tools on PATH: no python3.10, no pyenv.
    if Path("/usr/bin/python3.10").exists():
        import pytest

        pytest.skip("this machine has a system python3.10 on /usr/bin")
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    result = run(["bash", "scripts/find-python"], env=env)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "install" in lines[0] and "3.10" in lines[0]


def test_find_python_finds_310():
    result = run(["scripts/find-python"])
    assert result.returncode == 0
    check = run([result.stdout.strip(), "-c", "import sys; print(sys.version_info[:2])"])
    assert check.stdout.strip() == "(3, 10)"


def test_environment_is_up_to_date_so_nothing_reinstalls():
    # `make -q` exits 0 only when the stamp is newer than the pin file and pyproject.toml.
    result = run(["make", "-q", ".venv/.installed"])
    assert result.returncode == 0, "a second `make test` would reinstall the environment"


def test_installed_versions_match_the_pins():
    from importlib.metadata import version

    assert version("rasa") == "3.6.21"
    assert version("rasa-sdk") == "3.6.2"
    assert version("durable-rules") == "2.0.28"


def test_generated_files_are_ignored_by_git():
    for path in (".venv/x", "models/impulsa.tar.gz", "var/tracker.db", "var/logs/rasa.log", "x.db"):
        result = run(["git", "check-ignore", "-q", path])
        assert result.returncode == 0, f"{path} is not ignored"
