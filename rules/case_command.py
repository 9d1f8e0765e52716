"""`python -m rules case CODE`: staff pick up a case from the code the applicant brings.

Decodes the code (rules/casecode.py), re-evaluates the answers under the policy in force, and
shows the answers (a floored one as the band it stands for), the decision as `rules evaluate`
shows it, whether the result changed since the code was made, and the nearest centre when staff
give the place (a code carries no place). `--json` gives `rules evaluate --json`'s fields plus
`code`, `made`, `facts`, `approximate`, `not_carried`, `changed`, `then` and `centre`.
"""

from __future__ import annotations

import json

from rules import case_layout, casecode
from rules.decision import display
from rules.evaluator import Evaluator
from rules.explain import STATUS_WORDS, explain

NOT_CARRIED = ("place", "priority_group", "occupation_words")
WORDS = {
    "es": {
        "code": "Código {code}, hecho en {made}",
        "answers": "Respuestas del código:",
        "unanswered": "Sin responder todavía",
        "not_carried": "No están en el código (pregúntalos)",
        "place": "el lugar donde vive", "priority_group": "grupo prioritario",
        "occupation_words": "el nombre del oficio, si no es uno de los certificables",
        "other_trade": "otro (no es uno de los oficios certificables)",
        "under": "menos de {high}", "or_more": "{low} o más", "band": "de {low} a menos de {high}",
        "span": "{low} a {high}", "money": "S/ {value}",
        "same": "El resultado no cambió desde que se hizo el código ({made}).",
        "changed": "El resultado cambió desde que se hizo el código ({made}):",
        "was": "  {name}: antes {then}, ahora {now}",
        "recommended": "Recomendado", "none": "ninguno",
        "no_place": "El código no guarda el lugar: con --place DISTRITO se muestra el centro más cercano.",
        "not_a_code": "Eso no es un código de caso: un código es IMP- y 11 letras o cifras (IMP-XXXXX-XXXXXX).",
        "mistyped": "Un carácter del código está mal escrito (no coincide la verificación): revísalo con la persona.",
        "foreign": "Este código no lo hizo este asistente, o fue cambiado: no se puede leer.",
        "no_key": "No se pueden leer códigos aquí: falta la clave de esta instalación (CASE_CODE_KEY).",
    },
    "en": {
        "code": "Code {code}, made in {made}",
        "answers": "Answers in the code:",
        "unanswered": "Not answered yet",
        "not_carried": "Not in the code (ask them)",
        "place": "where they live", "priority_group": "priority group",
        "occupation_words": "the trade's name, if it is not one of the certifiable ones",
        "other_trade": "other (not one of the certifiable trades)",
        "under": "under {high}", "or_more": "{low} or more", "band": "{low} to under {high}",
        "span": "{low} to {high}", "money": "PEN {value}",
        "same": "The result has not changed since the code was made ({made}).",
        "changed": "The result has changed since the code was made ({made}):",
        "was": "  {name}: then {then}, now {now}",
        "recommended": "Recommended", "none": "none",
        "no_place": "The code holds no place: --place DISTRICT shows the nearest centre.",
        "not_a_code": "That is not a case code: a code is IMP- and 11 letters or digits (IMP-XXXXX-XXXXXX).",
        "mistyped": "A character of the code is mistyped (the check does not match): check it with the applicant.",
        "foreign": "This code was not made by this assistant, or it was changed: it cannot be read.",
        "no_key": "Codes cannot be read here: this installation's key (CASE_CODE_KEY) is not set.",
    },
}


def error_message(error: casecode.CaseCodeError, lang: str) -> str:
    return WORDS[lang].get(error.kind, str(error))


def read(code: str, policy) -> casecode.CaseCode:
    """The case of a code, with this installation's key. Raises CaseCodeError."""
    return casecode.decode(code, casecode.key_from_env(), policy=policy)


def shown_value(policy, fact: str, value, lang: str) -> str:
    """An answer as staff read it: a floored number as its band, money in soles, labels for choices."""
    words = WORDS[lang]
    if fact == "occupation" and value == case_layout.OTHER:
        return words["other_trade"]
    spec = policy.facts[fact]

    def shown(number) -> str:
        text = display(policy, fact, number, lang)
        return words["money"].format(value=text) if spec.money else text

    band = _band(policy, fact, value)
    if not band:
        return shown(value)
    low, high = band
    if low is None:
        return words["under"].format(high=shown(high))
    if high is None:
        return words["or_more"].format(low=shown(low))
    if spec.type == "integer":
        return words["span"].format(low=shown(low), high=shown(high - 1))
    return words["band"].format(low=shown(low), high=shown(high))


def _band(policy, fact: str, value) -> tuple | None:
    """(lowest, below) of the answers a floored value stands for; None when it is the exact answer."""
    grid = case_layout.grids(case_layout.fields(policy)).get(fact)
    if grid is None:
        return None
    low, high = grid.band(1 + grid.grid.index(value))
    exact = low is not None and high == low + 1 and policy.facts[fact].type == "integer"
    return None if exact else (low, high)


def changes(policy, then, now, lang: str) -> list[str]:
    words, status = WORDS[lang], STATUS_WORDS[lang]
    lines = [words["was"].format(name=policy.components[cid].name[lang], then=status[c.status],
                                 now=status[now.components[cid].status])
             for cid, c in then.components.items() if c.status != now.components[cid].status]
    if then.recommended != now.recommended:
        name = {cid: policy.components[cid].name[lang] for cid in policy.components}
        lines.append(words["was"].format(name=words["recommended"], then=name.get(then.recommended, words["none"]),
                                         now=name.get(now.recommended, words["none"])))
    return lines


def run(policy, code: str, lang: str, on=None, place: str | None = None, as_json: bool = False) -> str:
    """The whole report for a code (raises CaseCodeError for a code that cannot be read)."""
    case = read(code, policy)
    evaluator = Evaluator(policy)
    try:
        now = evaluator.evaluate(case.facts, on=on, lang=lang)
        then = evaluator.evaluate(case.facts, on=case.made, lang=lang)
    finally:
        evaluator.close()
    changed = changes(policy, then, now, lang)
    centre = _centre(place, lang)
    if as_json:
        return json.dumps(_as_dict(policy, code, case, now, then, changed, centre), ensure_ascii=False, indent=2)
    return _as_text(policy, code, case, now, changed, centre, place, lang)


def _centre(place: str | None, lang: str) -> dict | None:
    from rules.interactive import nearest_centre

    return nearest_centre(place, lang) if place else None


def _as_text(policy, code, case, now, changed, centre, place, lang: str) -> str:
    words = WORDS[lang]
    made = case.made.strftime("%m/%Y")
    lines = [words["code"].format(code=casecode.canonical(code), made=made), "", words["answers"]]
    lines += [f"  {policy.facts[f].label[lang]}: {shown_value(policy, f, v, lang)}" for f, v in case.facts.items()]
    unanswered = [policy.facts[f].label[lang] for f in case_layout.CARRIED if f not in case.facts
                  and not _not_read(f, case.facts)]
    if unanswered:
        lines.append(f"  {words['unanswered']}: {', '.join(unanswered)}")
    lines.append(f"  {words['not_carried']}: {', '.join(words[k] for k in NOT_CARRIED)}")
    lines += ["", explain(policy, now, lang), ""]
    lines += [words["changed"].format(made=made), *changed] if changed else [words["same"].format(made=made)]
    if centre:
        from rules.interactive import centre_line

        lines.append(centre_line(place, lang, centre))
    else:
        lines.append(words["no_place"])
    return "\n".join(lines)


def _not_read(fact: str, facts: dict) -> bool:
    """A fact the policy does not read for this applicant (children without a head of household...)."""
    return (fact == "children" and facts.get("household_head") is False
            or fact == "disability_certificate" and facts.get("has_disability") is False)


def _as_dict(policy, code, case, now, then, changed, centre) -> dict:
    bands = {fact: _band(policy, fact, value) for fact, value in case.facts.items()}
    approximate = {fact: {"min": band[0], "below": band[1]} for fact, band in bands.items() if band}
    return {
        "code": casecode.canonical(code),
        "made": case.made.isoformat(),
        "facts": case.facts,
        "approximate": approximate,
        "not_carried": list(NOT_CARRIED),
        **now.to_dict(),
        "changed": bool(changed),
        "then": {"on": then.on, "statuses": {cid: c.status for cid, c in then.components.items()},
                 "recommended": then.recommended},
        "centre": centre,
    }

