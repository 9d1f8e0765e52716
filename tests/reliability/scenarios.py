"""Reliability scenarios against the real servers: `make reliability` (tests/reliability/__main__.py)
runs them all at full load and prints scenario, load, failures and data lost;
tests/reliability/test_reliability.py, test_restart.py and test_live_edits.py run the same
scenarios at a smaller load in `make test`.

Each scenario returns {"scenario", "load", "failures", "lost", "notes"}.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tests import servers

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
COMPONENT_NAMES = {
    "capacitacion_laboral": "Capacitación para la Inserción Laboral",
    "autoempleo": "Capacitación y Asistencia Técnica para el Autoempleo",
    "certificacion": "Certificación de Competencias Laborales (CCL)",
}


def post(bot, sender: str, message: str, timeout: float = 30) -> tuple[int, list]:
    body = json.dumps({"sender": sender, "message": message}).encode()
    request = urllib.request.Request(
        f"{bot.url}/webhooks/rest/webhook", data=body, headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read() or b"[]")
    except urllib.error.HTTPError as error:
        return error.code, []


def result(name: str, load: str, failures: int, lost: int, notes: str = "") -> dict:
    return {"scenario": name, "load": load, "failures": failures, "lost": lost, "notes": notes}


def assert_clean(row: dict) -> None:
    """For the tests: the scenario ended with no failure and nothing lost (the row says what went wrong)."""
    assert row["failures"] == 0 and row["lost"] == 0, row


# --- hostile input -------------------------------------------------------------------


def hostile_messages(count: int = 220) -> list[str]:
    fixed = [
        "",
        " ",
        "   \t\n",
        "x" * 10_000,
        "🙂",
        "🙂🙂🙂🙂",
        "👍🏽",
        "\x00",
        "\x07\x08\x1b[31m",
        "\u202e\u200b",
        "'; DROP TABLE faq;--",
        "NEAR(",
        '"',
        "*",
        "AND OR NOT",
        "faq MATCH 'x'",
        "1' OR '1'='1",
        "<script>alert(1)</script>",
        "<b>hola</b>",
        "<img src=x onerror=alert(1)>",
        "{{7*7}}",
        "${jndi:ldap://x}",
        "-5",
        "0",
        "999",
        "1e9",
        "mil millones",
        "NaN",
        "Infinity",
        "-0",
        "3.14159",
        "1,000,000,000",
        "你好",
        "Привет",
        "مرحبا",
        "Olá, tudo bem?",
        "Bonjour",
        "Allin p'unchay",
        "Kamisaraki",
        "/restart",
        '/inform{"age": -5}',
        '/inform{"age": "abc"}',
        "/inform{broken",
        "/",
        "//",
        "/nonexistent",
        "/session_start",
        "/back",
        "/nlu_fallback",
        '/affirm{"consent": true}',
        "tengo -5 años",
        "tengo 999 años",
        "gano -100 soles",
        "tengo 1e9 hijos",
        "vivo en <script>",
        "a" * 1000,
        "hola " * 500,
        "\n" * 50,
        "?" * 100,
        "...",
        "null",
        "None",
        "undefined",
        "[]",
        "{}",
    ]
    rng = random.Random(11)
    alphabet = "abcdefghijklmnñopqrstuvwxyz0123456789 ¿?¡!.,;:'\"()[]{}<>/*-+=%$#@~`|\\^😀"
    while len(fixed) < count:
        fixed.append("".join(rng.choice(alphabet) for _ in range(rng.randint(1, 60))))
    return fixed


def hostile_input(bot, count: int = 220) -> dict:
    failures, notes, slowest = 0, [], 0.0
    messages = hostile_messages(count)
    for number, message in enumerate(messages):
        sender = f"hostile-{number}-{uuid.uuid4().hex[:6]}"
        start = time.perf_counter()
        try:
            status, replies = post(bot, sender, message)
        except Exception as error:  # noqa: BLE001 - counted as a failure
            status, replies = None, []
            notes.append(f"{message[:20]!r}: {error}")
        slowest = max(slowest, time.perf_counter() - start)
        texts = [r.get("text", "") for r in replies if r.get("text")]
        if status != 200 or not texts:
            failures += 1
            if len(notes) < 5:
                notes.append(f"{message[:20]!r}: HTTP {status}, {len(texts)} replies")
    alive = post(bot, f"after-hostile-{uuid.uuid4().hex[:6]}", "hola")[0] == 200
    notes = notes or [f"each answered with a text; slowest reply {slowest:.2f} s"]
    return result("hostile input", f"{len(messages)} messages", failures + (0 if alive else 1), 0, "; ".join(notes))


def hostile_conversation(bot, count: int = 220, seed: int = 3) -> dict:
    """Every hostile message into ONE conversation, then that conversation must still work: it goes on
    to a result, and after "empezar de nuevo" a simulated applicant gets the right result and centre."""
    import random as _random

    from tests.simulation.applicants import draw
    from tests.simulation.conversation import Conversation, RestBot, behaviour

    sender = f"hostile-one-{uuid.uuid4().hex[:8]}"
    failures, notes, slowest = 0, [], 0.0
    for message in hostile_messages(count):
        start = time.perf_counter()
        status, replies = post(bot, sender, message)
        slowest = max(slowest, time.perf_counter() - start)
        if status != 200 or not [r for r in replies if r.get("text")]:
            failures += 1
            notes.append(f"{message[:20]!r}: HTTP {status}, {len(replies)} replies")
    rng = _random.Random(seed)
    quiet = {**behaviour(rng), **{k: False for k in ("faq", "greet", "unclear", "correct", "declines_consent")}}
    rest = RestBot(bot.url)
    for step, before in (("goes on to a result", None), ("after a restart, right result", "empezar de nuevo")):
        if before:
            post(bot, sender, before)
        applicant = draw(rng)
        applicant.behaviour = {**quiet, "opener": "start"}
        report = Conversation(rest, applicant, rng, sender).run()
        ok = report.reached and not report.dead and not report.looped and (before is None or report.correct)
        if not ok:
            failures += 1
            notes.append(f"{step}: {report.problems[:2]}")
    notes = notes or [f"one conversation took them all (slowest reply {slowest:.2f} s), then two screenings"]
    return result("hostile input, one conversation", f"{count} messages + 2 screenings", failures, 0,
                  "; ".join(notes[:3]))


# --- the engine ------------------------------------------------------------------------


def engine_load(evaluations: int = 100_000, threads: int = 8) -> dict:
    from bench.engine import rss_mib
    from rules import Evaluator, current_policy, reference
    from rules.population import population

    policy = current_policy()
    engine = Evaluator(policy)
    people = population(2000, seed=5)
    expected = [reference.evaluate(policy, p, on="2024-05-01") for p in people]
    failures = 0
    start_rss = None
    for n in range(evaluations):
        i = n % len(people)
        if engine.evaluate(people[i], on="2024-05-01").to_dict() != expected[i]:
            failures += 1
        if n == len(people):
            start_rss = rss_mib()
    errors = []

    def worker(offset: int) -> None:
        for n in range(evaluations // threads):
            i = (offset * 997 + n) % len(people)
            try:
                if engine.evaluate(people[i], on="2024-05-01").to_dict() != expected[i]:
                    errors.append("mismatch")
            except Exception as error:  # noqa: BLE001 - counted
                errors.append(repr(error))

    pool = [threading.Thread(target=worker, args=(k,)) for k in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    growth = rss_mib() - (start_rss or rss_mib())
    live = engine.live_sessions()
    engine.close()
    notes = f"memory {growth:+.1f} MiB after warm-up; {live} durable sessions left"
    return result(
        "engine: sequential + 8 threads",
        f"{evaluations:,} + {evaluations:,} evaluations",
        failures + len(errors) + (1 if growth > 10 else 0) + live,
        0,
        notes,
    )


# --- many applicants at once ----------------------------------------------------------

ANSWERS = [  # (words in the bot's question, fact, how the applicant says it)
    ("Ley 29733", None, lambda f: "si"),
    ("años tienes", "age", lambda f: f"tengo {f['age']} años"),
    (
        "situación de trabajo",
        "employment_status",
        lambda f: {
            "unemployed": "estoy desempleado",
            "underemployed": "hago cachuelos",
            "at_risk": "me van a despedir",
            "employed": "tengo trabajo estable",
        }[f["employment_status"]],
    ),
    (
        "estudiaste",
        "education",
        lambda f: {"secondary_complete": "secundaria completa", "primary_complete": "primaria completa"}[
            f["education"]
        ],
    ),
    ("jefe o jefa de hogar", "household_head", lambda f: "si" if f["household_head"] else "no"),
    ("hijos", "children", lambda f: str(f["children"])),
    ("ganas al mes", "monthly_income", lambda f: f"{f['monthly_income']} soles"),
    ("alguna discapacidad", "has_disability", lambda f: "no"),
    ("años has trabajado", "work_experience_years", lambda f: f"{f.get('work_experience_years', 6)} años"),
    ("Cuál es tu oficio", "occupation", lambda f: "soy carpintero"),
    ("ese oficio", "occupation_experience_years", lambda f: f"{f['occupation_experience_years']} años"),
    ("Qué te gustaría más", "goal", lambda f: "quiero conseguir trabajo"),
    ("distrito", "place", lambda f: "Arequipa"),
]


def random_applicant(rng: random.Random) -> dict:
    return {
        "age": rng.randint(18, 70),
        "employment_status": rng.choice(["unemployed", "underemployed", "employed"]),
        "education": rng.choice(["secondary_complete", "secondary_complete", "primary_complete"]),
        "household_head": rng.random() < 0.85,
        "children": rng.randint(1, 4),
        "monthly_income": rng.choice([300, 800, 1200, 1499, 1600, 2500]),
        "has_disability": False,
        "work_experience_years": rng.randint(0, 20),
        "occupation": "carpintero_industrial",
        "occupation_experience_years": rng.randint(0, 10),
        "goal": "job",
    }


def question_in(text: str) -> str | None:
    """Which screening question the bot's text asks (the words of ANSWERS), None for none."""
    return next((words for words, _, _ in ANSWERS if words in text), None)


def answer_next(bot, sender: str, text: str, facts: dict) -> tuple[str | None, int, str]:
    """Answer the question in `text` from `facts`, whatever the order: (the fact answered, status, reply)."""
    fact, say = next(((fact, say) for words, fact, say in ANSWERS if words in text), (None, None))
    if say is None:
        return None, 0, text
    status, replies = post(bot, sender, say(facts))
    return fact, status, "\n".join(r.get("text", "") for r in replies)


def screen(bot, facts: dict, sender: str, max_turns: int = 25) -> tuple[str, list]:
    """Talk through a screening answering whatever is asked; returns (final text, problems)."""
    status, replies = post(bot, sender, "quiero postular")
    text = "\n".join(r.get("text", "") for r in replies)
    for _ in range(max_turns):
        if "Este es tu resultado" in text or "calificas." in text:
            return text, []
        answer = next((say(facts) for words, _, say in ANSWERS if words in text), None)
        if answer is None:
            return text, [f"unexpected question: {text[-120:]!r}"]
        status, replies = post(bot, sender, answer)
        if status != 200:
            return text, [f"HTTP {status}"]
        text = "\n".join(r.get("text", "") for r in replies)
    return text, ["no result"]


def statuses_in(text: str) -> dict:
    out = {}
    for cid, name in COMPONENT_NAMES.items():
        if f"✅ {name}: calificas" in text:
            out[cid] = "eligible"
        elif f"❌ {name}: no calificas" in text:
            out[cid] = "not_eligible"
    return out


def concurrent_applicants(bot, count: int = 100, workers: int = 100) -> dict:
    from rules import evaluate

    rng = random.Random(7)
    people = [random_applicant(rng) for _ in range(count)]

    def one(facts):
        sender = f"crowd-{uuid.uuid4().hex[:10]}"
        text, problems = screen(bot, facts, sender)
        known = {k: v for k, v in facts.items() if k not in ("has_disability",)}
        expected = {cid: c.status for cid, c in evaluate(known, lang="es").components.items()}
        got = statuses_in(text)
        wrong = {
            cid: (got.get(cid), status)
            for cid, status in expected.items()
            if status != "needs_info" and got.get(cid) != status
        }
        return problems + ([f"{sender}: {wrong}"] if wrong else [])

    with ThreadPoolExecutor(max_workers=workers) as pool:
        problems = [p for found in pool.map(one, people) for p in found]
    notes = "; ".join(problems[:3]) or "each ended with the engine's decision for its own facts"
    return result("concurrent applicants (REST)", f"{count} at once", len(problems), 0, notes)


# --- restarts and outages -------------------------------------------------------------


def kill_and_restart(workdir: Path, env: dict) -> dict:
    bot = servers.start(workdir, env)
    sender = f"restart-{uuid.uuid4().hex[:8]}"
    facts = {"age": 44, "employment_status": "unemployed", "education": "secondary_complete",
             "household_head": True, "children": 2, "monthly_income": 800, "work_experience_years": 6,
             "occupation_experience_years": 4}
    answered = []
    try:
        _, replies = post(bot, sender, "quiero postular")
        text = "\n".join(r.get("text", "") for r in replies)
        for _ in range(3):
            fact, _, text = answer_next(bot, sender, text, facts)
            answered.append(fact)
        os.kill(bot.pid("rasa"), signal.SIGKILL)  # mid-screening, no clean shutdown
        time.sleep(1)
    finally:
        servers.stop(bot)
    bot = servers.start(workdir, env)
    try:
        fact, status, after = answer_next(bot, sender, text, facts)  # the question pending when it died
        slots = bot.tracker(sender)["slots"]
    finally:
        servers.stop(bot)
    known = {"occupation": "carpintero_industrial"}
    lost = sum(1 for name in answered if name is not None and slots.get(name) != known.get(name, facts.get(name)))
    failures = 0 if status == 200 and question_in(text) and question_in(after) else 1
    text = after
    return result(
        "Rasa server SIGKILL mid-screening, restarted",
        "1 conversation, 3 facts",
        failures,
        lost,
        "continues at the next question" if not failures else text[-120:],
    )


def action_server_down(workdir: Path, env: dict, messages: int = 20) -> dict:
    """A Rasa server started alone, its action endpoint a port nothing listens on."""
    closed = servers.free_port()
    bot = servers.start(workdir, {**env, "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{closed}/webhook"}, mode="rasa")
    try:
        return actions_unreachable(bot, messages)
    finally:
        servers.stop(bot)


def actions_unreachable(bot, messages: int = 20) -> dict:
    """Messages to a Rasa server whose action server refuses connections: each gets the apology in 5 s."""
    failures, slowest = 0, 0.0
    run = uuid.uuid4().hex[:6]
    for number in range(messages):
        text = ["hola", "quiero postular", "tengo 35 años", "cuanto dura el curso?", "asdf"][number % 5]
        start = time.perf_counter()
        status, replies = post(bot, f"down-{run}-{number % 4}", text, timeout=10)
        elapsed = time.perf_counter() - start
        slowest = max(slowest, elapsed)
        said = "\n".join(r.get("text", "") for r in replies)
        if status != 200 or elapsed > 5 or "problema técnico" not in said:
            failures += 1
    return result("action server down", f"{messages} messages", failures, 0, f"slowest reply {slowest:.2f} s")


def broken_files_while_running(workdir: Path, env: dict) -> dict:
    """Break the policy and the knowledge sources under a running assistant: both refused, the last good serve."""
    policy = workdir / "project" / "rules" / "policy"
    shutil.copytree(ROOT / "rules" / "policy", policy)
    (policy.parent.parent / "knowledge" / "sources").mkdir(parents=True)
    shutil.copy(ROOT / "knowledge" / "sources" / "profiles.yml", policy.parent.parent / "knowledge" / "sources")
    sources = workdir / "sources"
    shutil.copytree(ROOT / "knowledge" / "sources", sources)
    kb = workdir / "knowledge.db"
    build = [sys.executable, "-m", "knowledge", "build", "--db", str(kb), "--sources", str(sources)]
    subprocess.run(build, cwd=ROOT, check=True, capture_output=True)
    bot = servers.start(workdir, {**env, "POLICY_DIR": str(policy), "KNOWLEDGE_DB": str(kb)})
    failures, notes = 0, []
    try:
        sender = f"broken-{uuid.uuid4().hex[:8]}"
        post(bot, sender, "quiero postular")
        # A maintainer saves a broken policy and a broken FAQ file.
        (policy / "parameters.yml").write_text(
            (policy / "parameters.yml").read_text().replace("    2009-04-01: 1500", "    2009-04-01: [1500")
        )
        faq = next((sources / "faqs").glob("*.yml"))
        faq.write_text(faq.read_text() + "\n  - id: [broken\n")
        rebuilt = subprocess.run(build, cwd=ROOT, capture_output=True, text=True)
        if rebuilt.returncode == 0:
            failures += 1
            notes.append("broken sources were built")
        time.sleep(1.5)  # the policy store looks for changes at most once a second
        status, replies = post(bot, sender, "tengo 40 años")
        asked = "\n".join(r.get("text", "") for r in replies)
        if status != 200 or question_in(asked) in (None, "años tienes"):  # the next question, by the last good policy
            failures += 1
            notes.append(f"screening stopped: {asked[-80:]!r}")
        status, replies = post(bot, f"q-{sender}", "cuanto duran los cursos?")
        if "semanas" not in "\n".join(r.get("text", "") for r in replies):
            failures += 1
            notes.append("knowledge base answer lost")
        if "policy refused (keeping the last good version)" not in bot.log("actions"):
            failures += 1
            notes.append("no refusal in the action server log")
    finally:
        servers.stop(bot)
    return result(
        "broken policy and FAQ file while running",
        "2 files",
        failures,
        0,
        "; ".join(notes) or "both refused; last good versions kept serving",
    )


def privacy(bot) -> dict:
    """No income, disability, age or phone values in the logs at INFO; erasure leaves nothing."""
    sender = f"privacy-{uuid.uuid4().hex[:8]}"
    for text in [
        "quiero postular",
        "tengo 47 años",
        "estoy desempleado",
        "secundaria completa",
        "si",
        "3",
        "si",
        "1234 soles",
        "si",
        "si",
        "mi celular es 987654321",
    ]:
        post(bot, sender, text)
    logs = bot.log("rasa") + bot.log("actions")
    leaks = [value for value in ("1234", "987654321", "47 años", "'age': 47", '"age": 47') if value in logs]
    post(bot, sender, "borrar mis datos")
    with sqlite3.connect(bot.workdir / "tracker.db") as db:
        rows = db.execute("SELECT COUNT(*) FROM events WHERE sender_id = ?", (sender,)).fetchone()[0]
    return result(
        "privacy: logs and erasure",
        "1 conversation",
        len(leaks),
        rows,
        f"values found in logs: {leaks}" if leaks else "no values in logs; nothing left after erasure",
    )


def scale_out() -> dict:
    """Two Rasa servers on shared PostgreSQL and Redis: run test_scale_out.py, which installs and starts them."""
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", str(HERE / "test_scale_out.py")],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    load = "2 Rasa servers, 1 conversation moved, 3 facts"
    summary = run.stdout.strip().splitlines()[-1] if run.stdout.strip() else run.stderr.strip()[-200:]
    if run.returncode == 0 and "skipped" in summary:
        reason = next((line for line in run.stdout.splitlines() if line.startswith("SKIPPED")), summary)
        return result("scale-out: PostgreSQL + Redis", load, 0, 0, "SKIPPED: " + reason.split(": ", 1)[-1])
    if run.returncode != 0:
        print(run.stdout[-3000:], run.stderr[-2000:], file=sys.stderr)
    return result("scale-out: PostgreSQL + Redis", load, int(run.returncode != 0), 0, summary)


def table(rows: list[dict]) -> str:
    from bench.table import table as render

    return render(
        ["scenario", "load", "failures", "data lost", "notes"],
        [[r["scenario"], r["load"], r["failures"], r["lost"], r["notes"][:70]] for r in rows],
    )
