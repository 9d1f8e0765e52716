"""Case codes: an applicant's answers in a code they can take to the employment centre.

    code = encode(facts, secret, made=date.today())      # 'IMP-7K3QM-9XZ4AB'
    case = decode(code, secret)                           # CaseCode(facts={...}, made=date(2026, 12, 1))

Form: 'IMP-' and 11 symbols of Crockford's base32 (0-9 and A-Z without I, L, O, U) as 5 + 6, 16
characters in all. Input may be in any case, with spaces or dashes anywhere, with O for 0 and I or
L for 1, with or without the 'IMP'.

Bit budget (11 symbols of 5 bits = 55 bits):

- 5 bits: the last symbol is a check over GF(32): sum of alpha**i * symbol_i = 0, alpha a root of
  x^5 + x^2 + 1. Every weight is a different non-zero element, so any one changed symbol and any
  swap of two different symbols (adjacent or not) breaks the sum: "a character is mistyped".
- 50 bits: a block enciphered with a keyed Feistel permutation (HMAC-SHA256 rounds), so a reader
  sees random symbols and no income. It holds the answers (rules/case_layout.py: about 32.9 bits)
  and the month the code was made, modulo 16 (4 bits; read as the latest such month not after
  today, so a code is good for 16 months), and a seal: an HMAC-SHA256 of those, reduced to fill
  the rest of the block (about 13 bits: 1 in 8,500). Without the secret one cannot make a code;
  a guessed one is accepted 1 time in 8,500, and then carries answers the guesser could not
  choose (the cipher scrambles them) about nobody: names and phones are never in a code, and
  nothing is stored on a server. At the bot's pace (a message per guess) that is hours of typing
  to restore a random stranger's-looking case, which gives nothing that answering the questions
  would not. A code of another deployment (another secret) or of an older layout fails the seal.

The secret is CASE_CODE_KEY (at least 16 characters). Like PSEUDONYM_KEY for WhatsApp, nothing
works without it: without it no code is made and none is read (`key_from_env` says why).
Codes are personal data in disguise (they decode to income and disability): never log one;
server/log_privacy.py masks anything shaped like a code.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import os
import re
from dataclasses import dataclass

from rules import case_layout

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LOOK_ALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})
PREFIX = "IMP"
SYMBOLS = 11
BLOCK_BITS = 50
MONTHS = 16
EPOCH_MONTH = 2026 * 12  # January 2026
KEY_VARIABLE = "CASE_CODE_KEY"
MIN_KEY_LENGTH = 16
ROUNDS = 10


class CaseCodeError(ValueError):
    """A code cannot be read (or made); `kind` says which case, for the message shown."""

    kind = "invalid"


class NotACode(CaseCodeError):
    kind = "not_a_code"


class MistypedCode(CaseCodeError):
    kind = "mistyped"


class ForeignCode(CaseCodeError):
    """The check holds but the seal does not: tampered with, or made by another deployment or version."""

    kind = "foreign"


class NoKey(CaseCodeError):
    kind = "no_key"


@dataclass(frozen=True)
class CaseCode:
    facts: dict
    made: dt.date  # the first day of the month the code was made


def key_from_env(environ=None) -> bytes:
    """The deployment secret, from CASE_CODE_KEY. Raises NoKey when it is unset or too short."""
    value = (os.environ if environ is None else environ).get(KEY_VARIABLE, "")
    if not value:
        raise NoKey(f"{KEY_VARIABLE} is not set: case codes can be neither made nor read")
    if len(value) < MIN_KEY_LENGTH:
        raise NoKey(f"{KEY_VARIABLE} must be at least {MIN_KEY_LENGTH} characters long")
    return value.encode()


# --- the check symbol: GF(32) ------------------------------------------------------------------


def _times(a: int, b: int) -> int:
    product = 0
    while b:
        if b & 1:
            product ^= a
        b >>= 1
        a <<= 1
        if a & 0b100000:
            a ^= 0b100101  # x^5 + x^2 + 1
    return product


def _weights(count: int) -> list[int]:
    weights, power = [], 1
    for _ in range(count):
        weights.append(power)
        power = _times(power, 2)
    return weights


WEIGHTS = _weights(SYMBOLS)
INVERSE_LAST = next(x for x in range(1, 32) if _times(x, WEIGHTS[-1]) == 1)


def syndrome(values: list[int]) -> int:
    total = 0
    for weight, value in zip(WEIGHTS, values, strict=False):  # the check symbol weighs 10 of 11
        total ^= _times(weight, value)
    return total


def check_symbol(values: list[int]) -> int:
    """The last symbol that makes the syndrome of all SYMBOLS zero."""
    return _times(syndrome(values), INVERSE_LAST)


# --- the cipher and the seal --------------------------------------------------------------------


def _keys(secret: bytes, layout: tuple) -> tuple[bytes, bytes]:
    base = hmac.new(secret, b"impulsa-case-code/1" + case_layout.fingerprint(layout), hashlib.sha256).digest()
    return (hmac.new(base, b"cipher", hashlib.sha256).digest(), hmac.new(base, b"seal", hashlib.sha256).digest())


def _round(key: bytes, number: int, half: int) -> int:
    digest = hmac.new(key, bytes([number]) + half.to_bytes(4, "big"), hashlib.sha256).digest()
    return int.from_bytes(digest[:4], "big") & ((1 << BLOCK_BITS // 2) - 1)


def _permute(key: bytes, block: int, backwards: bool = False) -> int:
    mask = (1 << BLOCK_BITS // 2) - 1
    left, right = block >> BLOCK_BITS // 2, block & mask
    for number in (reversed(range(ROUNDS)) if backwards else range(ROUNDS)):
        if backwards:
            left, right = right ^ _round(key, number, left), left
        else:
            left, right = right, left ^ _round(key, number, right)
    return left << BLOCK_BITS // 2 | right


def _seal(key: bytes, number: int, size: int) -> int:
    digest = hmac.new(key, number.to_bytes(8, "big"), hashlib.sha256).digest()
    return int.from_bytes(digest, "big") % size


# --- encode and decode ---------------------------------------------------------------------------


def _policy(policy):
    from rules import current_policy

    return policy or current_policy()


def _month(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def encode(facts: dict, secret: bytes, made: dt.date, policy=None) -> str:
    """The code for these answers (facts not carried are left out), made on `made`."""
    from rules.facts import clean_facts

    if not secret:
        raise NoKey("no secret to make a case code with")
    policy = _policy(policy)
    layout = case_layout.fields(policy)
    cipher_key, seal_key = _keys(secret, layout)
    answers = case_layout.to_number(layout, clean_facts(policy, facts))
    capacity = case_layout.capacity(layout) * MONTHS
    number = answers * MONTHS + (_month(made) - EPOCH_MONTH) % MONTHS
    block = _permute(cipher_key, number + capacity * _seal(seal_key, number, (1 << BLOCK_BITS) // capacity))
    values = [(block >> 5 * (9 - i)) & 31 for i in range(10)]
    symbols = "".join(ALPHABET[v] for v in values + [check_symbol(values)])
    return f"{PREFIX}-{symbols[:5]}-{symbols[5:]}"


def symbols_of(code: str) -> list[int]:
    """The 11 symbol values of a code as typed. Raises NotACode or MistypedCode."""
    if not isinstance(code, str):
        raise NotACode("a case code is a text")
    text = re.sub(r"[\s\-_.]", "", code).upper()
    if len(text) == SYMBOLS + len(PREFIX) and text.startswith(PREFIX):
        text = text[len(PREFIX):]
    if len(text) != SYMBOLS or not text.isascii() or not text.isalnum():
        raise NotACode(f"a case code is {PREFIX}- and {SYMBOLS} letters or digits")
    text = text.translate(LOOK_ALIKES)
    if "U" in text:
        raise MistypedCode("a character is mistyped: U is never in a case code")
    values = [ALPHABET.index(symbol) for symbol in text]
    if syndrome(values):
        raise MistypedCode("a character is mistyped (the check symbol does not match)")
    return values


def decode(code: str, secret: bytes, today: dt.date | None = None, policy=None) -> CaseCode:
    """The answers and the month of a code. Raises only CaseCodeError (NotACode, MistypedCode, ForeignCode, NoKey)."""
    values = symbols_of(code)
    if not isinstance(secret, bytes) or not secret:
        raise NoKey("no secret to read a case code with")
    layout = case_layout.fields(_policy(policy))
    cipher_key, seal_key = _keys(secret, layout)
    block = 0
    for value in values[:10]:
        block = block << 5 | value
    capacity = case_layout.capacity(layout) * MONTHS
    seals = (1 << BLOCK_BITS) // capacity
    seal, number = divmod(_permute(cipher_key, block, backwards=True), capacity)  # number + capacity * seal
    if seal >= seals or seal != _seal(seal_key, number, seals):
        raise ForeignCode("this code was not made by this assistant, or it was changed")
    answers, month = divmod(number, MONTHS)
    now = _month(today or dt.date.today())
    made = now - (now - EPOCH_MONTH - month) % MONTHS
    return CaseCode(case_layout.from_number(layout, answers), dt.date(made // 12, made % 12 + 1, 1))


def canonical(code: str) -> str:
    """The code as it is printed, from any way of typing it (raises like `symbols_of`)."""
    symbols = "".join(ALPHABET[v] for v in symbols_of(code))
    return f"{PREFIX}-{symbols[:5]}-{symbols[5:]}"
