"""Check a whole draft: its sentences, the claims in each, and a summary of the verdicts."""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import accumulate
from typing import Any

from verifier.budget import Budget
from verifier.core.dates import find_dates
from verifier.core.engine import Verifier
from verifier.core.result import CheckResult, Verdict
from verifier.core.values import find_quantities
from verifier.drafts.checkable import fragment, judge
from verifier.drafts.segment import split_sentences

# How many recently named entities "it", "both" or "the organization" may refer back to.
# A sentence that lists a dozen countries must not push the draft's subject out of reach;
# a referent must also have the fact the claim speaks of, and the nearest one wins.
CONTEXT_SIZE = 16
# The order an editor reads verdicts in: what is wrong first.
VERDICT_ORDER = (Verdict.CONTRADICTED, Verdict.UNKNOWN, Verdict.SUPPORTED)
# How far into an undated draft a dateline may stand, in characters: the title, a byline
# and a dateline such as "BEIJING, Sept. 1, 2025 —" come before the story's second paragraph.
DATELINE_CHARS = 600


@dataclass(frozen=True, slots=True)
class ReadValue:
    """A figure or date the checker read in a sentence, and whether a claim decided it."""

    start: int
    end: int
    text: str
    kind: str  # "figure" or "date"
    verified: bool  # a supported or contradicted claim rests on it
    # The day or span a relative date ("the 31st", "this year") was read as, else None.
    read_as: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the value as plain JSON-ready data."""
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "kind": self.kind,
            "verified": self.verified,
            "read_as": self.read_as,
        }


@dataclass(slots=True)
class DraftSentence:
    """One sentence of a draft: where it is, whether it is checkable, and its claims."""

    start: int
    end: int
    text: str
    checkable: bool
    reason: str
    claims: list[CheckResult] = field(default_factory=list)
    values: list[ReadValue] = field(default_factory=list)
    # False for a caption, byline or heading: words the writer does not claim.
    prose: bool = True

    @property
    def verdict(self) -> Verdict | None:
        """Return the worst verdict among the sentence's claims, None when it has none."""
        return min((c.verdict for c in self.claims), key=VERDICT_ORDER.index, default=None)

    @property
    def unverified(self) -> list[ReadValue]:
        """Return the figures and dates read here that no decided claim rests on."""
        return [v for v in self.values if not v.verified]

    def to_dict(self) -> dict[str, Any]:
        """Return the sentence as plain JSON-ready data."""
        verdict = self.verdict
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "checkable": self.checkable,
            "reason": self.reason,
            "verdict": None if verdict is None else verdict.value,
            "claims": [c.to_dict() for c in self.claims],
            "values": [v.to_dict() for v in self.values],
        }


@dataclass(slots=True)
class DraftResult:
    """A checked draft; every offset indexes the draft's text as given."""

    text: str
    as_of: date
    sentences: list[DraftSentence]
    # Whether the caller gave the draft's date; an undated draft is read as of today.
    dated: bool = True

    @property
    def claims(self) -> list[CheckResult]:
        """Return every claim, in the draft's order."""
        return [c for s in self.sentences for c in s.claims]

    @property
    def unverified(self) -> list[ReadValue]:
        """Return every figure and date the checker read but no decided claim rests on."""
        return [v for s in self.sentences for v in s.unverified]

    @property
    def relative(self) -> list[ReadValue]:
        """Return the dates read against the draft's date ("the 31st", "this year")."""
        return [v for s in self.sentences for v in s.values if v.read_as is not None]

    @property
    def undated(self) -> bool:
        """Return whether relative dates were read against today for want of the draft's date."""
        return not self.dated and bool(self.relative)

    def suggested_as_of(self) -> date | None:
        """Return a date for an undated draft that reads relative dates: its dateline's day."""
        return dateline(self.text) if self.undated else None

    def counts(self) -> dict[str, int]:
        """Return how many claims got each verdict."""
        found = Counter(c.verdict for c in self.claims)
        return {v.value: found[v] for v in VERDICT_ORDER}

    def ranked(self) -> list[CheckResult]:
        """Return the claims with the contradicted first, then unknown, then supported."""
        return sorted(self.claims, key=rank)

    def to_dict(self) -> dict[str, Any]:
        """Return the result as plain JSON-ready data, summary first."""
        suggested = self.suggested_as_of()
        return {
            "as_of": self.as_of.isoformat(),
            "dated": self.dated,
            "suggested_as_of": None if suggested is None else suggested.isoformat(),
            "summary": {
                "sentences": len(self.sentences),
                "checkable": sum(s.checkable for s in self.sentences),
                "claims": len(self.claims),
                "verdicts": self.counts(),
                "not_verified": len(self.unverified),
                "relative_dates": len(self.relative),
                "ranked": [
                    {
                        "start": c.start,
                        "end": c.end,
                        "claim": c.claim,
                        "verdict": c.verdict.value,
                        "disputed": c.disputed,
                        "explanation": c.explanation,
                        "suggestion": c.suggestion,
                    }
                    for c in self.ranked()
                ],
            },
            "sentences": [s.to_dict() for s in self.sentences],
        }


def check_draft(
    verifier: Verifier,
    text: str,
    *,
    as_of: date | None = None,
    progress: Callable[[int], None] | None = None,
    budget: Budget | None = None,
) -> DraftResult:
    """Check every sentence of TEXT as of AS_OF (the draft's date, default today).

    PROGRESS, when given, is told after each sentence how many characters are done;
    BUDGET, when given, is spent after each sentence and stops the check once it runs out.
    """
    reference = as_of or date.today()
    context: list[str] = []
    sentences = []
    nouns = verifier.index.vocabulary.event_nouns
    lines = text.splitlines(keepends=True)
    line_starts = [0, *accumulate(len(line) for line in lines)]
    alone = "\n" not in text.strip() and "\r" not in text.strip()
    fragments: dict[int, str | None] = {}
    for start, end in split_sentences(text):
        sentence = text[start:end]
        found, named = verifier.read_sentence(sentence, as_of=reference, context=context)
        line = bisect_right(line_starts, start) - 1
        if line not in fragments:
            fragments[line] = fragment(lines[line], alone=alone)
        why = fragments[line]
        if why is not None:
            # A heading still names what the next sentences speak of; its words are no claim.
            sentences.append(DraftSentence(start, end, sentence, False, why, prose=False))
            context = _carry(context, [], named)
            found = []
        else:
            values = _values(sentence, found, reference, nouns)
            judged = judge(
                verifier,
                sentence,
                found,
                figures=any(v.kind == "figure" for v in values),
                dates=any(v.kind == "date" for v in values),
            )
            sentences.append(
                DraftSentence(
                    start,
                    end,
                    sentence,
                    judged.checkable,
                    judged.reason,
                    [_in_draft(c, sentence, start) for c in found],
                    [replace(v, start=v.start + start, end=v.end + start) for v in values],
                )
            )
        context = _carry(context, found, named)
        if progress is not None:
            progress(end)
        if budget is not None:
            budget.spend()
    return DraftResult(text, reference, sentences, dated=as_of is not None)


def dateline(text: str) -> date | None:
    """Return the first whole day written near the top of TEXT (a dateline), if any."""
    for mention in find_dates(text[:DATELINE_CHARS]):
        if mention.date.precision == "day" and not mention.relative:
            return mention.date.start
    return None


def _values(
    sentence: str, claims: Sequence[CheckResult], as_of: date, nouns: frozenset[str]
) -> list[ReadValue]:
    """Return the figures and dates in SENTENCE, each marked verified when a claim decided it."""
    decided = [
        (s.start, s.end)
        for c in claims
        if c.verdict is not Verdict.UNKNOWN
        for s in c.spans
        if s.role == "value"
    ]

    def verified(start: int, end: int) -> bool:
        return any(a < end and start < b for a, b in decided)

    found = [
        ReadValue(q.start, q.end, q.text, "figure", verified(q.start, q.end))
        for q in find_quantities(sentence, event_nouns=nouns)
    ]
    found += [
        ReadValue(
            d.start,
            d.end,
            d.text,
            "date",
            verified(d.start, d.end),
            d.label if d.relative else None,
        )
        for d in find_dates(sentence, reference=as_of, event_nouns=nouns)
    ]
    return sorted(found, key=lambda v: v.start)


def rank(claim: CheckResult) -> tuple[int, int]:
    """Return the sort key that puts contradicted claims first, then unknown, then supported."""
    return VERDICT_ORDER.index(claim.verdict), claim.start


def _in_draft(result: CheckResult, sentence: str, offset: int) -> CheckResult:
    """Return RESULT with its claim text and every span moved from SENTENCE into the draft."""
    return replace(
        result,
        claim=sentence[result.start : result.end],
        start=result.start + offset,
        end=result.end + offset,
        spans=[replace(s, start=s.start + offset, end=s.end + offset) for s in result.spans],
    )


def _carry(
    context: Sequence[str], claims: Sequence[CheckResult], named: Sequence[tuple[int, int, str]]
) -> list[str]:
    """Return the entities the next sentence may refer back to, most recent first."""
    # What the sentence's claims were about leads (a subject taken from context stays
    # alive through "it" after "it"), then what it named, the last-named first.
    recent = [s for c in claims for s in c.subjects]
    recent += [entity for _, _, entity in reversed(named)]
    return list(dict.fromkeys([*recent, *context]))[:CONTEXT_SIZE]
