"""Split a draft into sentences whose offsets index the original text exactly."""

from __future__ import annotations

import sentencex

# The segmenter's rules for English abbreviations ("U.S.", "Dr."), decimals and quotes
# also suit the names and figures of other languages closely enough for news copy.
LANGUAGE = "en"


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
                spans.append((offset + lead, offset + lead + len(stripped)))
        offset += len(line)
    return spans
