"""One message, read once: tokens, numbers, clauses, which clauses ask something, its language."""

from __future__ import annotations

from functools import cached_property

from actions.understanding.lexicon import Lexicon
from actions.understanding.match import Context, Match
from actions.understanding.numbers import quantities
from actions.understanding.phrases import Phrase
from actions.understanding.text import Token, clean, tokenise

_STOPS = {",", ".", ";", ":", "!", "?"}
_SENTENCE_ENDS = {".", ";", "!", "?"}


class Message:
    """Spans are token indexes [i, j) into `toks`."""

    def __init__(self, text: str, lex: Lexicon):
        self.text = clean(text)
        self.lex = lex
        self.toks: list[Token] = tokenise(self.text, lex.spelling, lex.token_re)
        self.content = [t.norm for t in self.toks if t.kind != "p"]
        self.language = self._language()
        self.ctx = Context(self.toks, quantities(self.toks, lex.numbers), lex.match_words)
        self.asking = self._questions()
        self.question = bool(self.asking)
        self.hypothetical = self._hypothetical() if self.question else []
        self.profiles: dict = {}  # trade words -> profile id (the knowledge base is asked once per message)

    # --- finding phrases

    def find(self, phrases: list[Phrase]) -> list[Match]:
        return [m for p in phrases for m in self.ctx.find(p)]

    def found(self, phrases: list[Phrase]) -> bool:
        return any(self.ctx.find(p) for p in phrases)

    @cached_property
    def bare(self) -> Context:
        """The message without punctuation, for reading it whole ("sí, yo" is "si yo")."""
        toks = [t for t in self.toks if t.kind != "p"]
        return Context(toks, quantities(toks, self.lex.numbers), self.lex.match_words)

    def whole(self, phrases: list[Phrase], words: list[str] | None = None) -> bool:
        """The message (or `words`), fillers such as "pues", "nomas" aside, is one of the phrases."""
        words = self.content if words is None else words
        ctx = self.bare if words is self.content else self._context(words)
        if _spans_all(ctx, phrases, len(words)):
            return True
        fillers = self.lex.answer_fillers
        a, b = 0, len(words)
        while a < b and words[a] in fillers:
            a += 1
        while b > a and words[b - 1] in fillers:
            b -= 1
        return a < b and (a, b) != (0, len(words)) and _spans_all(self._context(words[a:b]), phrases, b - a)

    def _context(self, words: list[str]) -> Context:
        toks = [Token(w, 0, 0, "n" if w.replace(".", "").isdigit() else "w") for w in words]
        return Context(toks, quantities(toks, self.lex.numbers), self.lex.match_words)

    def starts_with(self, phrases: list[Phrase], at: int = 0) -> int:
        """Where the longest of the phrases matching at token `at` ends (`at` when none does)."""
        if at >= self.ctx.size:
            return at
        end = at
        word = self.ctx.norms[at]
        for p in phrases:
            if p.first_slots or word in p.first_words:
                m = self.ctx.at(p, at)
                if m is not None:
                    end = max(end, m.j)
        return end

    # --- where things are

    def text_of(self, i: int, j: int) -> str:
        return self.text[self.toks[i].start:self.toks[j - 1].end] if i < j else ""

    def _ends_sentence(self, k: int) -> bool:
        return self.toks[k].kind == "p" and self.toks[k].norm in ".!?;"

    def sentence_end(self, i: int) -> int:
        """The token after the sentence token i is in (a full stop, "!", "?", ";" or the end)."""
        end = i
        while end < len(self.toks) and not self._ends_sentence(end):
            end += 1
        return end

    def sentence_of(self, i: int) -> str:
        """The whole sentence token i is in."""
        start = i
        while start > 0 and not self._ends_sentence(start - 1):
            start -= 1
        return self.text_of(start, self.sentence_end(i))

    def negated(self, i: int) -> bool:
        """A negation ("no", "no soy", "nunca") comes right before token i."""
        norms = self.ctx.norms
        return any(tuple(norms[i - len(n):i]) == n for n in self.lex.negation if len(n) <= i)

    def clause(self, i: int) -> tuple[int, int]:
        """Token bounds of the clause around token i: punctuation ends a clause."""
        a = i
        while a > 0 and self.toks[a - 1].kind != "p":
            a -= 1
        b = i
        while b < len(self.toks) and self.toks[b].kind != "p":
            b += 1
        return a, b

    def clauses(self) -> list[tuple[int, int]]:
        out, a = [], 0
        for k, t in enumerate(self.toks + [Token(".", 0, 0, "p")]):
            if t.kind == "p":
                if k > a:
                    out.append((a, k))
                a = k + 1
        return out

    def in_question(self, i: int) -> bool:
        return any(a <= i < b for a, b in self.asking)

    def in_hypothesis(self, i: int) -> bool:
        return any(a <= i < b for a, b in self.hypothetical)

    # --- language and questions

    def _language(self) -> str | None:
        """"es"/"en" when the message's words are clearly of that language (a one-letter word says nothing)."""
        typed = [t.norm for t in self.toks if t.kind == "w" and t.end - t.start > 1]
        es = sum(1 for w in typed if w in self.lex.language["es"])
        en = sum(1 for w in typed if w in self.lex.language["en"])
        if es > en and (en == 0 or es >= 2 * en):
            return "es"
        if en > es and (es == 0 or en >= 2 * es):
            return "en"
        return None

    def _questions(self) -> list[tuple[int, int]]:
        """The clauses that ask something: in "do I qualify? I'm 28" only "do I qualify?".

        A clause asks when a "?" closes it or a "¿" opens it, or when it starts its sentence (greetings
        aside) like a question ("cuanto dura el curso, tengo 35": the first clause); the last clause asks
        when the message ends like a question ("la certificacion q es")."""
        spans: list[tuple[int, int]] = []
        opened = sentence_asks = False
        sentence_start = True
        for a, b in self.clauses():
            before = self.toks[a - 1] if a > 0 else None
            after = self.toks[b] if b < len(self.toks) else None
            opened = before is not None and self.text[before.start:before.end] == "¿"
            closing = after is not None and after.norm == "?" and self.text[after.start:after.end] != "¿"
            if sentence_start and not sentence_asks:
                sentence_asks = self._starts_question(a)
            if opened or closing or sentence_asks:
                spans.append((a, b))
            if not all(w in self.lex.answer_fillers for w in self.ctx.norms[a:b]):
                sentence_start = sentence_asks = False
            if after is None or after.norm in _SENTENCE_ENDS:
                sentence_start, sentence_asks = True, False
        last = self.clauses()[-1] if self.content else None
        if last and last not in spans and self._ends_question(last):
            spans.append(last)
        # A question inside a clause asks from there on: "tengo 35, después del curso do you help me
        # find work" (what comes before it is still the applicant's own).
        for m in self.find(self.lex.questions["inside"]):
            if not any(a <= m.i < b for a, b in spans):
                spans.append((m.i, self.clause(m.i)[1]))
        return spans

    def _starts_question(self, a: int) -> bool:
        """The clause at token a (with what follows it in its sentence) starts like a question, greetings
        aside; a greeting that announces one counts ("una pregunta antes, el curso ...")."""
        k = a
        while True:
            if self.starts_with(self.lex.questions["starts"], k) > k:
                return True
            end = self.starts_with(self.lex.questions["greetings"], k)
            if end == k:
                return False
            while end < len(self.toks) and self.toks[end].norm in (",", ".", "!"):
                end += 1
            k = end

    def _ends_question(self, clause: tuple[int, int]) -> bool:
        a, b = clause
        return any(m.j == b and m.i >= a for m in self.find(self.lex.questions["ends"]))

    def _hypothetical(self) -> list[tuple[int, int]]:
        """Suppositions inside a question: "¿y si tengo 60 años puedo?" (up to the clause's end)."""
        spans = []
        for m in self.find(self.lex.questions["hypothetical"]):
            i = m.i
            if i + 1 < len(self.toks) and self.toks[i + 1].kind == "p":
                continue  # "si, tengo 35": a yes, not an if
            spans.append((i, self.clause(i)[1]))
        return spans


def _spans_all(ctx: Context, phrases: list[Phrase], size: int) -> bool:
    """One of the phrases reads all `size` tokens of the context."""
    return any((m := ctx.at(p, 0)) is not None and m.j == size for p in phrases)
