"""Split a draft into sentences whose offsets index the original text exactly."""

from __future__ import annotations

import re

import sentencex

# The segmenter's rules for English abbreviations ("U.S.", "Dr."), decimals and quotes
# also suit the names and figures of other languages closely enough for news copy.
LANGUAGE = "en"
# Run-on text (a pasted list, a transcript without stops) is cut into pieces of at most
# this many characters, so checking a draft costs in proportion to its length.
MAX_SENTENCE_CHARS = 1_000
# Where a long run is best cut: after a clause mark, else after any space.
_CLAUSE_END = re.compile(r"[;:,—–)]\s")
_SPACE = re.compile(r"\s")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) of every sentence and heading in TEXT, blanks trimmed."""
    spans: list[tuple[int, int]] = []
    offset = 0
    # A line break always ends a sentence: headings, datelines and captions carry no
    # final stop, and splitting per line first keeps CRLF and lone CR out of the segmenter.
    for line in text.splitlines(keepends=True):
        for piece in sentencex.get_sentence_boundaries(LANGUAGE, line):
            start, end = piece["start_index"], piece["end_index"]
            chunk = line[start:end]
            stripped = chunk.strip()
            if stripped:
                lead = start + len(chunk) - len(chunk.lstrip())
                spans.extend(_bounded(line, offset, lead, lead + len(stripped)))
        offset += len(line)
    return spans


def _bounded(line: str, offset: int, start: int, end: int) -> list[tuple[int, int]]:
    """Return LINE[START:END] cut into pieces of at most MAX_SENTENCE_CHARS, blanks trimmed."""
    pieces: list[tuple[int, int]] = []
    while end - start > MAX_SENTENCE_CHARS:
        window = line[start : start + MAX_SENTENCE_CHARS]
        # A clause mark in the second half, else the last space, else a hard cut.
        half = MAX_SENTENCE_CHARS // 2
        marks = [m.end() for m in _CLAUSE_END.finditer(window, half)]
        spaces = [m.end() for m in _SPACE.finditer(window)]
        cut = start + (marks or spaces or [MAX_SENTENCE_CHARS])[-1]
        piece = line[start:cut].rstrip()
        pieces.append((offset + start, offset + start + len(piece)))
        start = cut + len(line[cut:end]) - len(line[cut:end].lstrip())
    pieces.append((offset + start, offset + end))
    return pieces
