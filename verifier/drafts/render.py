"""Show a checked draft to an editor: marked inline in a terminal, or as an HTML page."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from itertools import pairwise

import click
from jinja2 import Environment, FileSystemLoader

from verifier.core.result import CheckResult, Verdict
from verifier.drafts.check import VERDICT_ORDER, DraftResult, DraftSentence, rank
from verifier.resources import bundled

# Every verdict is told by its icon and word as well as its colour, so no reader
# depends on colour alone.
ICONS = {Verdict.SUPPORTED: "✓", Verdict.CONTRADICTED: "✗", Verdict.UNKNOWN: "?"}
COLOURS = {Verdict.SUPPORTED: "green", Verdict.CONTRADICTED: "red", Verdict.UNKNOWN: "yellow"}


@dataclass(frozen=True, slots=True)
class Claim:
    """A claim as a report shows it: its number in the draft and its result."""

    number: int
    result: CheckResult

    @property
    def icon(self) -> str:
        """Return the verdict's icon."""
        return ICONS[self.result.verdict]

    @property
    def verdict(self) -> str:
        """Return the verdict's word."""
        return self.result.verdict.value


@dataclass(frozen=True, slots=True)
class Piece:
    """A stretch of a sentence covered by the same claims."""

    text: str
    verdict: str | None  # the most serious verdict among the claims covering it
    opening: tuple[Claim, ...]  # claims that start here
    closing: tuple[Claim, ...]  # claims that end right after it


@dataclass(frozen=True, slots=True)
class Marked:
    """A sentence cut into pieces at every claim boundary, with its numbered claims."""

    sentence: DraftSentence
    pieces: tuple[Piece, ...]
    claims: tuple[Claim, ...]


def mark(result: DraftResult) -> list[list[Marked]]:
    """Cut every sentence at its claims' edges, numbering claims; group them by paragraph."""
    paragraphs: list[list[Marked]] = []
    number = 0
    previous_end = 0
    for sentence in result.sentences:
        claims = []
        for claim in sentence.claims:
            number += 1
            claims.append(Claim(number, claim))
        gap = result.text[previous_end : sentence.start]
        if not paragraphs or "\n" in gap or "\r" in gap:
            paragraphs.append([])
        paragraphs[-1].append(Marked(sentence, _pieces(sentence, claims), tuple(claims)))
        previous_end = sentence.end
    return paragraphs


def _pieces(sentence: DraftSentence, claims: list[Claim]) -> tuple[Piece, ...]:
    """Cut SENTENCE wherever one of CLAIMS starts or ends."""
    cuts = sorted(
        {sentence.start, sentence.end}
        | {c.result.start for c in claims}
        | {c.result.end for c in claims}
    )
    pieces = []
    for start, end in pairwise(cuts):
        covering = [c for c in claims if c.result.start <= start and end <= c.result.end]
        worst = min((VERDICT_ORDER.index(c.result.verdict) for c in covering), default=None)
        pieces.append(
            Piece(
                text=sentence.text[start - sentence.start : end - sentence.start],
                verdict=None if worst is None else VERDICT_ORDER[worst].value,
                opening=tuple(c for c in claims if c.result.start == start),
                # The innermost claim closes first, so nested marks read as nested brackets.
                closing=tuple(
                    sorted(
                        (c for c in claims if c.result.end == end), key=lambda c: -c.result.start
                    )
                ),
            )
        )
    return tuple(pieces)


def render_text(result: DraftResult) -> str:
    """Render the draft with each claim bracketed inline and its explanation beneath."""
    lines: list[str] = []
    paragraphs = mark(result)
    for paragraph in paragraphs:
        if lines:
            lines.append("")
        for item in paragraph:
            # Both brackets carry the claim's number: claims may cross ("[1:a [2:b]1✓ c]2✗").
            lines.append(
                "".join(
                    "".join(f"[{c.number}:" for c in p.opening)
                    + p.text
                    + "".join(f"]{c.number}{c.icon}" for c in p.closing)
                    for p in item.pieces
                )
            )
            for claim in item.claims:
                lines.append(f"    {_claim_line(claim)}")
                if claim.result.suggestion:
                    lines.append(f"        suggested: {claim.result.suggestion}")
            if not item.claims:
                label = "checkable" if item.sentence.checkable else "not checkable"
                lines.append(click.style(f"    · {label}: {item.sentence.reason}", dim=True))
    lines += ["", _summary_line(result)]
    lines += [
        f"  {_claim_line(c)}"
        for c in _ranked(paragraphs)
        if c.result.verdict is Verdict.CONTRADICTED
    ]
    return "\n".join(lines)


def _ranked(paragraphs: list[list[Marked]]) -> list[Claim]:
    """Return the numbered claims, the contradicted first."""
    return sorted(
        (c for paragraph in paragraphs for m in paragraph for c in m.claims),
        key=lambda c: rank(c.result),
    )


def _claim_line(claim: Claim) -> str:
    """Return one line naming a claim's number, verdict and explanation."""
    verdict = claim.result.verdict
    word = click.style(f"{claim.icon} {verdict.value.upper()}", fg=COLOURS[verdict], bold=True)
    disputed = " (disputed)" if claim.result.disputed else ""
    return f"({claim.number}) {word}{disputed}: “{claim.result.claim}” — {claim.result.explanation}"


def _summary_line(result: DraftResult) -> str:
    """Return the one-line count of sentences and verdicts."""
    counts = ", ".join(f"{n} {verdict}" for verdict, n in result.counts().items())
    checkable = sum(s.checkable for s in result.sentences)
    return (
        f"{len(result.sentences)} sentences, {checkable} checkable; "
        f"{len(result.claims)} claims: {counts} (as of {result.as_of.isoformat()})"
    )


@cache
def _environment() -> Environment:
    """Return the Jinja environment over the bundled templates, escaping all text."""
    return Environment(loader=FileSystemLoader(bundled("templates")), autoescape=True)


def render_html(result: DraftResult, *, title: str = "Draft check") -> str:
    """Render a self-contained HTML page with every claim marked and explained."""
    paragraphs = mark(result)
    return (
        _environment()
        .get_template("draft_report.html")
        .render(
            title=title,
            paragraphs=paragraphs,
            ranked=_ranked(paragraphs),
            summary=_summary_line(result),
        )
    )
