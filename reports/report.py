"""`make report`: a self-contained HTML page on what happens to applicants.

Charts (PNG, embedded in the page) of screenings over time, by region, the
outcome per component, the top reasons for not qualifying, and where people
stop answering. Built from the decision log; on a fresh install, where the
log is empty, from a demo log generated from the synthetic population, and
the page says so in its first line.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import io
import random
from collections import Counter
from pathlib import Path

from reports import log

ROOT = Path(__file__).resolve().parent.parent
STATUS_COLOURS = {"eligible": "#2e7d32", "needs_info": "#f9a825", "not_eligible": "#c62828"}


def demo_rows(size: int = 2000, seed: int = 0, days: int = 90) -> list[dict]:
    """A demo log: synthetic applicants through the real engine, spread over recent days;
    about one in five stops before the end (at a question the engine still needed)."""
    from rules import Evaluator, current_policy
    from rules.population import population

    rng = random.Random(seed)
    evaluator = Evaluator(current_policy())
    today = dt.date.today()
    out = []
    for number, facts in enumerate(population(size, seed)):
        day = (today - dt.timedelta(days=rng.randrange(days))).isoformat()
        decision = evaluator.evaluate(facts, lang="es")
        row = {
            "id": f"demo-{number}",
            "started": day,
            "updated": day,
            "region": facts.get("region"),
            "language": "en" if rng.random() < 0.08 else "es",
            "channel": rng.choices(["whatsapp", "twilio_whatsapp", "rest"], weights=[6, 2, 2])[0],
            "age_band": log.band(facts.get("age"), "age", evaluator.policy),
            "income_band": log.band(facts.get("monthly_income"), "monthly_income", evaluator.policy),
            "policy_version": decision.policy_version,
            "demo": 1,
        }
        if rng.random() < 0.2:
            asked = current_policy().ask_order()
            row.update(
                completed=0, stopped_at=rng.choice(["consent", *asked[:8]]), statuses={}, reasons=[], recommended=None
            )
        else:
            row.update(
                completed=1,
                stopped_at=None,
                statuses={cid: c.status for cid, c in decision.components.items()},
                reasons=sorted(
                    {r.code for c in decision.components.values() if c.status == "not_eligible" for r in c.reasons}
                ),
                recommended=decision.recommended,
            )
        out.append(row)
    evaluator.close()
    return out


def _png(figure) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=90, bbox_inches="tight")
    return base64.b64encode(buffer.getvalue()).decode()


def charts(rows: list[dict]) -> list[tuple[str, str]]:
    """(title, base64 PNG) for each chart."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    out = []
    completed = [r for r in rows if r.get("completed")]

    weeks = Counter(
        dt.date.fromisoformat(r["started"]) - dt.timedelta(days=dt.date.fromisoformat(r["started"]).weekday())
        for r in rows
    )
    fig, ax = plt.subplots(figsize=(7, 2.8))
    xs = sorted(weeks)
    ax.plot(xs, [weeks[x] for x in xs], marker="o", color="#b3001b")
    ax.set_ylabel("screenings")
    fig.autofmt_xdate()
    out.append(("Screenings per week", _png(fig)))
    plt.close(fig)

    regions = Counter(r.get("region") or "unknown" for r in rows).most_common(15)
    fig, ax = plt.subplots(figsize=(7, 0.3 * len(regions) + 1))
    ax.barh([name for name, _ in regions][::-1], [n for _, n in regions][::-1], color="#1a5fb4")
    ax.set_xlabel("screenings")
    out.append(("Screenings by region", _png(fig)))
    plt.close(fig)

    components = sorted({cid for r in completed for cid in r.get("statuses", {})})
    fig, ax = plt.subplots(figsize=(7, 2.8))
    left = [0] * len(components)
    for status, colour in STATUS_COLOURS.items():
        counts = [sum(1 for r in completed if r["statuses"].get(cid) == status) for cid in components]
        ax.barh(components, counts, left=left, color=colour, label=status)
        left = [a + b for a, b in zip(left, counts, strict=True)]
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.25), ncol=3, fontsize=8, frameon=False)
    ax.set_xlabel("completed screenings")
    out.append(("Outcome per component", _png(fig)))
    plt.close(fig)

    reasons = Counter(code for r in completed for code in r.get("reasons", [])).most_common(10)
    fig, ax = plt.subplots(figsize=(7, 0.35 * max(len(reasons), 1) + 1))
    ax.barh([c for c, _ in reasons][::-1], [n for _, n in reasons][::-1], color="#c62828")
    ax.set_xlabel("completed screenings not qualifying for at least one component")
    out.append(("Top reasons for not qualifying", _png(fig)))
    plt.close(fig)

    stops = Counter(r.get("stopped_at") for r in rows if not r.get("completed")).most_common()
    fig, ax = plt.subplots(figsize=(7, 0.35 * max(len(stops), 1) + 1))
    ax.barh([str(q) for q, _ in stops][::-1], [n for _, n in stops][::-1], color="#f9a825")
    ax.set_xlabel("unfinished screenings, by the question left unanswered")
    out.append(("Where people stop answering", _png(fig)))
    plt.close(fig)
    return out


def build(db: str | Path | None = None, out: str | Path | None = None, force_demo: bool = False) -> Path:
    rows = [] if force_demo else log.rows(db)
    demo = not rows
    if demo:
        rows = demo_rows()
    completed = sum(1 for r in rows if r.get("completed"))
    today = dt.date.today().isoformat()
    notice = (
        (
            "<p class='demo'><strong>DEMO DATA.</strong> The decision log is empty, so this report shows a demo "
            "log generated from the synthetic population (<code>python -m rules population --assumptions</code>), "
            "evaluated by the real engine. It says nothing about real applicants.</p>"
        )
        if demo
        else ""
    )
    figures = "\n".join(
        f"<figure><figcaption>{html.escape(title)}</figcaption><img alt='{html.escape(title)}' "
        f"src='data:image/png;base64,{data}'></figure>"
        for title, data in charts(rows)
    )
    page = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Impulsa Perú assistant: screenings report</title>
<style>body{{font-family:system-ui,sans-serif;max-width:52rem;margin:1rem auto;padding:0 1rem;color:#1b1b1b}}
.demo{{background:#fff3cd;border:1px solid #f0c36d;padding:.6rem .8rem}} figure{{margin:1.2rem 0}}
figcaption{{font-weight:600;margin-bottom:.3rem}} img{{max-width:100%}}</style>
</head><body>
{notice}
<h1>Screenings report</h1>
<p>Generated {today}. {len(rows)} screenings, {completed} completed, {len(rows) - completed} unfinished.
Rows are anonymised: no names, phones or conversation ids; ages and incomes only in bands.</p>
{figures}
</body></html>
"""
    out = Path(out) if out else ROOT / "var" / "report.html"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    return out
