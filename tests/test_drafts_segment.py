"""Splitting drafts into sentences: edge cases, and offsets into the text exactly as given."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from verifier.drafts import split_sentences
from verifier.drafts.segment import MAX_SENTENCE_CHARS


def sentences(text: str) -> list[str]:
    """Return the sentences of TEXT as strings, read through their offsets."""
    return [text[start:end] for start, end in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Abbreviations, titles and initials do not end a sentence.
        (
            "Dr. Smith met Mr. Xi in St. Petersburg on Jan. 5. They talked for an hour.",
            ["Dr. Smith met Mr. Xi in St. Petersburg on Jan. 5.", "They talked for an hour."],
        ),
        (
            "The U.S. economy grew in 2024. Growth slowed.",
            ["The U.S. economy grew in 2024.", "Growth slowed."],
        ),
        (
            "Talks were held in Washington D.C. on August 8, 2025. Both leaders signed.",
            ["Talks were held in Washington D.C. on August 8, 2025.", "Both leaders signed."],
        ),
        ("He left at 5 p.m. on Monday.", ["He left at 5 p.m. on Monday."]),
        ("The SCO (est. 2001) grew.", ["The SCO (est. 2001) grew."]),
        # Decimals and percentages.
        (
            "GDP rose 3.5 per cent in 2024. It is $24.6 trillion.",
            ["GDP rose 3.5 per cent in 2024.", "It is $24.6 trillion."],
        ),
        ("It rose 2.5%. It fell.", ["It rose 2.5%.", "It fell."]),
        # Quotation marks: the closing quote belongs to the sentence it ends.
        ("He said, “We will win.” Then he left.", ["He said, “We will win.”", "Then he left."]),
        ("“It is over,” she said. “We lost.”", ["“It is over,” she said.", "“We lost.”"]),
        (
            "Wolff called it 'empty rhetoric.' Others agreed.",
            ["Wolff called it 'empty rhetoric.'", "Others agreed."],
        ),
        (
            "Is it a military alliance? No! It is a forum.",
            ["Is it a military alliance?", "No!", "It is a forum."],
        ),
        ("Wait... is that right?", ["Wait... is that right?"]),
        # A line break ends a sentence: headings and captions carry no final stop.
        (
            "India and Pakistan Join\nAt the 2017 Astana Summit, both joined.",
            ["India and Pakistan Join", "At the 2017 Astana Summit, both joined."],
        ),
        (
            "/Courtesy of Yonhap News Agency\n\nThe SCO is a bloc.",
            ["/Courtesy of Yonhap News Agency", "The SCO is a bloc."],
        ),
        # Non-Latin scripts.
        ("Она объединяет 10 стран. Это блок.", ["Она объединяет 10 стран.", "Это блок."]),
        (
            "上海合作组织于2001年成立。现有10个成员国。",
            ["上海合作组织于2001年成立。", "现有10个成员国。"],
        ),
        ("", []),
        ("  \n\r\n  ", []),
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_offsets_index_crlf_emoji_and_non_latin_text_exactly() -> None:
    text = (
        "SCO summit 🎉\r\nThe SCO 🇨🇳 has 10 members. Ça va?\r\n\r\n"
        "Шанхай — город. 上海。\rLast line"
    )
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == [
        "SCO summit 🎉",
        "The SCO 🇨🇳 has 10 members.",
        "Ça va?",
        "Шанхай — город.",
        "上海。",
        "Last line",
    ]
    assert spans[1] == (text.index("The SCO"), text.index("members.") + len("members."))


@given(st.text(alphabet=st.sampled_from(list("ab .?!\r\n\u2028“”'0123456789Ш🎉")), max_size=80))
def test_every_character_but_blanks_is_in_exactly_one_sentence(text: str) -> None:
    spans = split_sentences(text)
    covered = [False] * len(text)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        piece = text[start:end]
        assert piece == piece.strip() and not any(c in piece for c in "\r\n\u2028")
        covered[start:end] = [True] * (end - start)
        previous_end = end
    assert all(covered[i] or c.isspace() for i, c in enumerate(text))


@pytest.mark.parametrize(
    "run_on",
    [
        "China, Russia and India are members, " * 200,  # clause marks to cut at
        "the bloc has ten members and " * 200,  # only spaces
        "x" * 5_000,  # not even a space
    ],
)
def test_run_on_text_is_cut_into_bounded_pieces(run_on: str) -> None:
    text = "A first sentence. " + run_on + "\nLast line."
    spans = split_sentences(text)
    assert max(end - start for start, end in spans) <= MAX_SENTENCE_CHARS
    assert sentences(text)[0] == "A first sentence." and sentences(text)[-1] == "Last line."
    covered = {i for start, end in spans for i in range(start, end)}
    assert all(c.isspace() for i, c in enumerate(text) if i not in covered)  # nothing lost
    if ", " in run_on:
        assert all(piece.endswith(",") for piece in sentences(text)[1:-2])
