"""A decision as staff read it in the shell (`python -m rules evaluate`, the interactive checker)."""

from __future__ import annotations

STATUS_WORDS = {
    "es": {"eligible": "CALIFICA", "needs_info": "FALTAN DATOS", "not_eligible": "NO CALIFICA"},
    "en": {"eligible": "ELIGIBLE", "needs_info": "NEEDS MORE INFORMATION", "not_eligible": "NOT ELIGIBLE"},
}
WORDS = {
    "es": {
        "on": "Evaluación al",
        "policy": "política",
        "missing": "Falta saber",
        "recommended": "Recomendado",
        "none": "ninguno",
        "referrals": "Derivar a",
        "flags": "Grupo prioritario",
        "trace": "Traza",
    },
    "en": {
        "on": "Evaluation on",
        "policy": "policy",
        "missing": "Still needed",
        "recommended": "Recommended",
        "none": "none",
        "referrals": "Refer to",
        "flags": "Priority group",
        "trace": "Trace",
    },
}


def explain(policy, decision, lang: str, with_trace: bool = False) -> str:
    words, status_words = WORDS[lang], STATUS_WORDS[lang]
    lines = [f"{words['on']} {decision.on} ({words['policy']} {decision.policy_version})", ""]
    for cid, result in decision.components.items():
        lines.append(f"{policy.components[cid].name[lang]}: {status_words[result.status]}")
        mark = "✓" if result.status == "eligible" else "✗"
        lines.extend(f"  {mark} {reason.message}" for reason in result.reasons)
        if result.missing:
            labels = [policy.facts[f].label[lang] for f in result.missing]
            lines.append(f"  {words['missing']}: {', '.join(labels)}")
        lines.append("")
    recommended = decision.recommended
    lines.append(
        f"{words['recommended']}: {policy.components[recommended].name[lang] if recommended else words['none']}"
    )
    if decision.referrals:
        lines.append(f"{words['referrals']}: {', '.join(decision.referrals)}")
    if decision.flags:
        labels = [policy.facts["priority_group"].choices[f][lang] for f in decision.flags]
        lines.append(f"{words['flags']}: {', '.join(labels)}")
    if with_trace:
        lines.append(f"\n{words['trace']}:")
        for step in decision.trace:
            lines.append(f"  {step.requirement:<24} {step.outcome:<8} {step.test}  ({step.fact}={step.value!r})")
    return "\n".join(lines)
