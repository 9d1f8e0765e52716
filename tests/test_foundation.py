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


# --- packaging: what runs the assistant, what develops it, and the pins of both -----------------

DEV_TOOLS = {"pytest", "hypothesis", "ruff", "playwright", "num2words", "textstat", "pyphen", "pip-tools", "py-spy"}


def canonical(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def project() -> dict:
    import tomli

    return tomli.loads((ROOT / "pyproject.toml").read_text())["project"]


def requirement_name(spec: str) -> str:
    import re

    return canonical(re.match(r"[A-Za-z0-9._-]+", spec).group(0))


def pins(lock: str) -> dict[str, tuple[str, frozenset[str]]]:
    """name -> (version, hashes) of every requirement in a pip-compile lock file; each must be pinned and hashed."""
    entries: dict[str, tuple[str, frozenset[str]]] = {}
    text = (ROOT / lock).read_text()
    for block in text.replace("\\\n", " ").splitlines():
        line = block.split("#", 1)[0].strip()
        if not line:
            continue
        requirement, *options = line.split()
        assert "==" in requirement, f"{lock}: {requirement} is not pinned with =="
        hashes = frozenset(o.removeprefix("--hash=") for o in options if o.startswith("--hash=sha256:"))
        assert hashes and len(hashes) == len(options), f"{lock}: {requirement} has no sha256 hash, or other options"
        name, version = requirement.split("==")
        entries[canonical(name)] = (version, hashes)
    return entries


def test_runtime_dependencies_carry_no_development_tool():
    runtime = {requirement_name(spec) for spec in project()["dependencies"]}
    dev = {requirement_name(spec) for spec in project()["optional-dependencies"]["dev"]}
    assert runtime & DEV_TOOLS == set()
    assert DEV_TOOLS <= dev
    assert {"rasa", "rasa-sdk", "durable-rules"} <= runtime
    # textstat 0.7.4 and later download nltk data at run time, which the machines cannot.
    assert "textstat==0.7.3" in project()["optional-dependencies"]["dev"]


def test_lock_files_pin_and_hash_everything_and_agree_on_the_runtime():
    runtime, dev = pins("requirements.lock"), pins("requirements-dev.lock")
    assert set(runtime) & DEV_TOOLS == set(), "a development tool is in the runtime lock"
    assert DEV_TOOLS <= set(dev)
    disagree = {name for name in runtime if dev.get(name) != runtime[name]}
    assert disagree == set(), f"requirements-dev.lock pins these runtime packages otherwise: {sorted(disagree)}"
    assert runtime["rasa"][0] == "3.6.21" and dev["textstat"][0] == "0.7.3"


def test_setup_installs_the_dev_lock_checking_every_hash():
    commands = run(["make", "-n", "-B", ".venv/.installed"]).stdout
    install = [line for line in commands.splitlines() if " -r " in line]
    assert len(install) == 1 and "--require-hashes" in install[0] and "-r requirements-dev.lock" in install[0]


def test_installed_versions_are_the_dev_lock():
    from importlib.metadata import distributions

    installed = {canonical(d.metadata["Name"]): d.version for d in distributions()}
    differ = {
        name: (version, installed.get(name))
        for name, (version, _) in pins("requirements-dev.lock").items()
        if installed.get(name) != version
    }
    assert differ == {}, f"(locked, installed) differ; run make setup: {differ}"


def test_rasa_data_validate_warns_only_as_docs_packaging_explains():
    import re

    env = {**os.environ, "SQLALCHEMY_SILENCE_UBER_WARNING": "1", "RASA_TELEMETRY_ENABLED": "false"}
    args = [".venv/bin/rasa", "data", "validate", "--domain", "bot/domain", "--data", "bot/data",
            "--config", "config.yml"]
    result = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=600, env=env)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    output = result.stdout + result.stderr
    warned = [line for line in output.splitlines() if re.search(r"Warning\b|WARNING", line)]
    # The message after "Warning: ", up to its first sentence, as the table in docs/packaging.md quotes it.
    messages = [re.sub(r"^.*?Warning: ", "", line).split(". ")[0].rstrip(".") for line in warned]
    documented = (ROOT / "docs" / "packaging.md").read_text()
    unexplained = [m for m in messages if m not in documented]
    assert unexplained == [], f"warnings of `rasa data validate` not explained in docs/packaging.md: {unexplained}"
    assert not [line for line in warned if "WARNING" in line or "UserWarning" in line], "a Rasa warning"
