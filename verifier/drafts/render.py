"""Show a checked draft to an editor: marked inline in a terminal, or as an HTML page."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

import click
from jinja2 import Environment, FileSystemLoader

from verifier.core.result import CheckResult, Verdict
from verifier.drafts.check import VERDICT_ORDER, DraftResult, DraftSentence, ReadValue, rank
from verifier.resources import bundled
from verifier.reviews.past import PastCheck

# Every verdict is told by its icon and word as well as its colour, so no reader
# depends on colour alone.
ICONS = {Verdict.SUPPORTED: "✓", Verdict.CONTRADICTED: "✗", Verdict.UNKNOWN: "?"}
COLOURS = {Verdict.SUPPORTED: "green", Verdict.CONTRADICTED: "red", Verdict.UNKNOWN: "yellow"}
# What follows a figure or date the checker read but no decided claim rests on.
NOT_VERIFIED_MARK = "⁽ⁿᵛ⁾"


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
    # The figure or date this piece is part of when no decided claim rests on it.
    unverified: ReadValue | None = None
    ends_value: bool = False  # the piece ends that figure or date


@dataclass(frozen=True, slots=True)
class Marked:
    """A sentence cut into pieces at every claim boundary, with its numbered claims."""

    sentence: DraftSentence
    pieces: tuple[Piece, ...]
    claims: tuple[Claim, ...]

    @property
    def verdict(self) -> str | None:
        """Return the sentence's worst verdict, None when it holds no claim."""
        verdict = self.sentence.verdict
        return None if verdict is None else verdict.value

    @property
    def contains(self) -> dict[int, tuple[Claim, ...]]:
        """Return, by claim number, the claims of this sentence lying inside it, if worse."""
        inside: dict[int, tuple[Claim, ...]] = {}
        for outer in self.claims:
            worse = tuple(
                c
                for c in self.claims
                if c is not outer
                and outer.result.start <= c.result.start
                and c.result.end <= outer.result.end
                and rank(c.result)[0] < rank(outer.result)[0]
            )
            if worse:
                inside[outer.number] = worse
        return inside


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
    unverified = sentence.unverified
    cuts = sorted(
        {sentence.start, sentence.end}
        | {c.result.start for c in claims}
        | {c.result.end for c in claims}
        | {v.start for v in unverified}
        | {v.end for v in unverified}
    )
    pieces = []
    for start, end in pairwise(cuts):
        covering = [c for c in claims if c.result.start <= start and end <= c.result.end]
        worst = min((VERDICT_ORDER.index(c.result.verdict) for c in covering), default=None)
        value = next((v for v in unverified if v.start <= start and end <= v.end), None)
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
                unverified=value,
                ends_value=value is not None and value.end == end,
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
            lines.append("".join(_piece_text(p) for p in item.pieces))
            for claim in item.claims:
                lines.append(f"    {_claim_line(claim)}")
                if claim.result.suggestion:
                    lines.append(f"        corrected: {claim.result.suggestion}")
            if item.sentence.unverified:
                said = ", ".join(f"“{v.text}”" for v in item.sentence.unverified)
                lines.append(click.style(f"    {NOT_VERIFIED_MARK} not verified: {said}", dim=True))
            if not item.claims:
                label = "checkable" if item.sentence.checkable else "not checkable"
                lines.append(click.style(f"    · {label}: {item.sentence.reason}", dim=True))
    lines += ["", _summary_line(result)]
    notice = undated_notice(result)
    if notice:
        lines.append(click.style(f"note: {notice}", fg="yellow"))
    for claim in ranked(paragraphs):
        if claim.result.verdict is Verdict.CONTRADICTED:
            lines.append(f"  {_claim_line(claim)}")
            if claim.result.suggestion:
                lines.append(f"      corrected: {claim.result.suggestion}")
    return "\n".join(lines)


def _piece_text(piece: Piece) -> str:
    """Return a piece with its claims' brackets and its not-verified mark, as the terminal shows."""
    # Both brackets carry the claim's number: claims may cross ("[1:a [2:b]1✓ c]2✗").
    opening = "".join(f"[{c.number}:" for c in piece.opening)
    mark = NOT_VERIFIED_MARK if piece.ends_value else ""
    closing = "".join(f"]{c.number}{c.icon}" for c in piece.closing)
    return opening + piece.text + mark + closing


def undated_notice(result: DraftResult) -> str | None:
    """Say which relative dates an undated draft was read against today for, and what to do."""
    if not result.undated:
        return None
    read = "; ".join(f"“{v.text}” as {v.read_as}" for v in result.relative[:5])
    more = f" and {len(result.relative) - 5} more" if len(result.relative) > 5 else ""
    suggested = result.suggested_as_of()
    advice = (
        f"the draft's dateline says {suggested.isoformat()}; check it again as of that day"
        if suggested is not None
        else "give the day the draft was written"
    )
    return (
        f"no date was given, so relative dates were read as of today, "
        f"{result.as_of.isoformat()}: {read}{more}. If the draft is older, {advice}."
    )


def ranked(paragraphs: list[list[Marked]]) -> list[Claim]:
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
    """Return the one-line count of sentences, verdicts and figures not verified."""
    counts = ", ".join(f"{n:,} {verdict}" for verdict, n in result.counts().items())
    checkable = sum(s.checkable for s in result.sentences)
    unverified = len(result.unverified)
    return (
        f"{plural(len(result.sentences), 'sentence')}, {checkable:,} checkable; "
        f"{plural(len(result.claims), 'claim')}: {counts}; "
        f"{plural(unverified, 'figure or date', 'figures or dates')} not verified"
        f"{f' (marked {NOT_VERIFIED_MARK})' if unverified else ''} "
        f"(as of {result.as_of.isoformat()})"
    )


def plural(count: int, one: str, many: str | None = None) -> str:
    """Return COUNT with thousands separators and the noun that agrees with it."""
    return f"{count:,} {one if count == 1 else many or one + 's'}"


@cache
def _environment() -> Environment:
    """Return the Jinja environment over the bundled templates, escaping all text."""
    environment = Environment(loader=FileSystemLoader(bundled("templates")), autoescape=True)
    environment.filters["plural"] = plural
    return environment


def render_html(
    result: DraftResult,
    *,
    title: str = "Draft check",
    checked_before: Sequence[tuple[DraftSentence, Sequence[PastCheck]]] = (),
) -> str:
    """Render a self-contained HTML page with every claim marked and explained.

    CHECKED_BEFORE lists the sentences that repeat past fact checks, with those checks.
    """
    paragraphs = mark(result)
    return (
        _environment()
        .get_template("draft_report.html")
        .render(
            title=title,
            paragraphs=paragraphs,
            ranked=ranked(paragraphs),
            summary=_summary_line(result),
            notice=undated_notice(result),
            checked_before=checked_before,
        )
    )
