"""Understanding applicants' messages: the facts they give, and what they ask the assistant to do.

    from actions.understanding import parse
    parsed = parse("tengo 3 hijos y 35 años, gano S/ 1 600", asked="age", intent="inform")
    parsed.facts   # {"children": 3, "age": 35, "monthly_income": 1600}

Applicants write informal Peruvian Spanish ("tngo 35 anos", "estoy sin chamba", "900 lucas") or
English. Every word the parser knows is in bot/lexicon.yml (docs/phrases.md says how phrases are
written); the facts, their types, choices and limits are the engine's, rules/policy/facts.yml.
Pure Python: no Rasa import, nothing read at import time; the lexicon is loaded on the first call,
and the knowledge base (trades, places) is asked only when a message needs it.

The contract the dialogue relies on
-----------------------------------
`parse(text, asked=None, intent=None, entities=None) -> Parsed` never raises; `asked` is the
question the bot just asked (a fact name, "place" or "consent"), `intent` the NLU's guess,
`entities` Rasa entities (button payloads such as '/inform{"education": "secondary_complete"}'
are read from `text` too). `reload_lexicon()` reads the lexicon again; a broken file is refused
with file:line:column and the last good version keeps serving (it is also picked up on change).

`Parsed` fields:
- `facts`: engine facts, in the engine's values ("tengo 3 hijos y 35 años" -> children 3, age 35;
  several facts in any order). A number fact given as a range is not here but in `ranges`.
- `place`: where the applicant lives, as typed ("vivo en el distrito de Comas" -> "Comas").
- `yes_no`: True/False when the message is a yes or a no ("si pues", "no gracias").
- `language`: "es"/"en" when the words are clearly of that language (even a single word).
- `language_request`: "es"/"en" when the applicant asks to switch ("in English please").
- `correction`: the applicant marks a change of an earlier answer ("me equivoqué, tengo 45"),
  or `intent` is "correct". A corrected bare "tengo 45" that cannot answer the number asked is the
  age; one that can answers it.
- `command`: "erase" | "restart" | "handoff" | None, from the lexicon's `commands` phrases in both
  languages ("borrar mis datos", "delete my data", "empezar de nuevo", "start over", "hablar con
  alguien", "talk to someone"), only when a clause is the phrase alone (with fillers such as
  "quiero", "por favor") and not negated. Words only: what a command intent means is the
  dialogue's decision (actions/dialogue/reading.py), so "cero" as an answer is never a restart.
- `sentence_language`: "es"/"en" only when the message is a whole sentence in that language (at
  least three words, clearly dominated by that language's words). Numbers, amounts ("500 soles",
  "2500"), place names, trades and button payloads never set it. The dialogue switches language
  only on this or on `language_request`.
- `question`: the message asks something ("¿es gratis?", "cuanto dura el curso", "do I qualify?").
- `ranges`: {fact: (low, high)} when a number fact is given as a range ("entre 800 y 1000",
  "2 o 3 años"); the dialogue asks a follow-up.

How `asked` and `intent` are used:
- The answer to `asked` is read whatever `intent` says. `intent` may add information (affirm/deny
  make a bare "de una" a yes; "correct" marks a correction) but never suppresses a fact:
  "estoy subempleado" classified ask_question still gives employment_status=underemployed.
- No answer is read from a command, from a clause that is a question, or from pure small talk
  (greetings, thanks, goodbyes, fillers, emoji); except the lexicon's `asked_clauses`, answers that
  may be one clause beside a question or a question themselves ("¿qué certificado? no lo tengo";
  asked the goal, "¿qué me recomienda?" is unsure).
- asked="occupation": any trade is taken as free text, in either language ("I sell food at the
  market", "vendo comida en el mercado", "mototaxista"), without its lead-in ("soy", "trabajo de",
  "I'm a"); the certifiable profiles are recognised among them (profile ids from the knowledge
  base: "trabajo en madera" -> carpintero_industrial). Small talk, yes/no, commands, questions,
  confusion ("no entiendo", "wait": the lexicon's `unclear`) and a place's name alone are not trades.
- asked="place": a bare name ("arequipa", "Satipo", "callao"), "en X" or "in X" gives `place`.
- asked a number fact: "cero", "nada", "ninguno", "none" give 0; "35", "treinta y cinco",
  "unos 2 años", "S/ 1 600" give the number.

Modules: text (tokens, folding shared with knowledge), numbers (numbers, amounts, lengths of time),
phrases and match (the phrase language, bounded time), lexicon, compile and sections (loading and
checking bot/lexicon.yml), message (one message), facts, schooling, occupation, place, answers,
conversation, entities (readers), parse.
"""

from actions.understanding.parse import Parsed, parse, reload_lexicon

__all__ = ["Parsed", "parse", "reload_lexicon"]
