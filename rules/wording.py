"""Numbers and the words after them, as people say them: "1 año", "3 años", "2 children".

Messages are written once for any number, with the plural ending in brackets right after the
number's word: "{value} año(s)", "{limit} hijo(s)", "{value} child(ren)". When the text is
shown, the number decides: 1 takes the word alone, any other number the word with its ending.
"""

from __future__ import annotations

import re

COUNTED = re.compile(r"(?<![\w.,])(\d+(?:[.,]\d+)?)(\s+)(\w+)\((\w+)\)")


def agree(text: str) -> str:
    """The text with each "N word(ending)" said in the singular or the plural, as N asks."""

    def said(match: re.Match) -> str:
        number, space, word, ending = match.groups()
        return f"{number}{space}{word}" if number == "1" else f"{number}{space}{word}{ending}"

    return COUNTED.sub(said, text)
