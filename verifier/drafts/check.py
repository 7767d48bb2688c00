"""Check a whole draft: its sentences, the claims in each, and a summary of the verdicts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from verifier.budget import Budget
from verifier.core.engine import Verifier
from verifier.core.result import CheckResult, Verdict
from verifier.drafts.checkable import judge
from verifier.drafts.segment import split_sentences

# How many recently named entities "it", "both" or "the organization" may refer back to.
# A sentence that lists a dozen countries must not push the draft's subject out of reach;
# a referent must also have the fact the claim speaks of, and the nearest one wins.
CONTEXT_SIZE = 16
# The order an editor reads verdicts in: what is wrong first.
VERDICT_ORDER = (Verdict.CONTRADICTED, Verdict.UNKNOWN, Verdict.SUPPORTED)


@dataclass(slots=True)
class DraftSentence:
    """One sentence of a draft: where it is, whether it is checkable, and its claims."""

    start: int
    end: int
    text: str
    checkable: bool
    reason: str
    claims: list[CheckResult] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Return the sentence as plain JSON-ready data."""
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "checkable": self.checkable,
            "reason": self.reason,
            "claims": [c.to_dict() for c in self.claims],
        }


@dataclass(slots=True)
class DraftResult:
    """A checked draft; every offset indexes the draft's text as given."""

    text: str
    as_of: date
    sentences: list[DraftSentence]

    @property
    def claims(self) -> list[CheckResult]:
        """Return every claim, in the draft's order."""
        return [c for s in self.sentences for c in s.claims]

    def counts(self) -> dict[str, int]:
        """Return how many claims got each verdict."""
        found = Counter(c.verdict for c in self.claims)
        return {v.value: found[v] for v in VERDICT_ORDER}

    def ranked(self) -> list[CheckResult]:
        """Return the claims with the contradicted first, then unknown, then supported."""
        return sorted(self.claims, key=rank)

    def to_dict(self) -> dict[str, Any]:
        """Return the result as plain JSON-ready data, summary first."""
        return {
            "as_of": self.as_of.isoformat(),
            "summary": {
                "sentences": len(self.sentences),
                "checkable": sum(s.checkable for s in self.sentences),
                "claims": len(self.claims),
                "verdicts": self.counts(),
                "ranked": [
                    {
                        "start": c.start,
                        "end": c.end,
                        "claim": c.claim,
                        "verdict": c.verdict.value,
                        "disputed": c.disputed,
                        "explanation": c.explanation,
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
    for start, end in split_sentences(text):
        sentence = text[start:end]
        found, named = verifier.read_sentence(sentence, as_of=reference, context=context)
        judged = judge(verifier, sentence, found, as_of=reference)
        sentences.append(
            DraftSentence(
                start,
                end,
                sentence,
                judged.checkable,
                judged.reason,
                [_in_draft(c, sentence, start) for c in found],
            )
        )
        context = _carry(context, found, named)
        if progress is not None:
            progress(end)
        if budget is not None:
            budget.spend()
    return DraftResult(text, reference, sentences)


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
