"""Check claims against one version of the store: read, retrieve, align, decide, explain.

Each stage is a module of its own and reads as the contract in VERDICTS.md:
- read: the claim's parts, and in each the names, phrases, figures, dates and markers;
- retrieve: the subjects and attributes each part may speak of;
- align: which value belongs to which subject and attribute;
- decide: each value against the facts of its time, then each part, then the claim;
- explain: the verdict in one line, its citations, spans and a correction.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from datetime import date
from threading import Lock

from verifier.core.align import align
from verifier.core.decide import PartDecision, decide
from verifier.core.explain import Unit, result, units
from verifier.core.index import Changes, Index
from verifier.core.model import Catalog
from verifier.core.read import Reading, read_claim
from verifier.core.result import CheckResult
from verifier.core.retrieve import retrieve
from verifier.core.values import DEFAULT_TOLERANCE

# How many check results a verifier keeps for claims asked again.
RESULT_CACHE = 4_096


class Verifier:
    """Check claims against one version of the store."""

    def __init__(self, catalog: Catalog, *, tolerance: float = DEFAULT_TOLERANCE) -> None:
        """Index CATALOG; TOLERANCE is how far "about X" may stray from X (0.10 is 10%)."""
        self.index = Index(catalog)
        self.tolerance = tolerance
        # The results of recent checks: tools send the same claims again (a draft on every
        # save, a story checked by several editors), and a result holds until a write.
        # Shared between callers, so a result is read-only.
        self._results: OrderedDict[tuple[str, date, tuple[str, ...]], CheckResult] = OrderedDict()
        self._lock = Lock()

    @property
    def version(self) -> str:
        """Return the store version this verifier was built from."""
        return self.index.version

    def apply(self, changes: Changes, version: str) -> None:
        """Follow the writes of entities and facts CHANGES gives, up to VERSION."""
        self.index.apply(changes, version)
        self._results.clear()

    def check(
        self, claim: str, *, as_of: date | None = None, context: Sequence[str] = ()
    ) -> CheckResult:
        """Decide CLAIM as a whole, as of AS_OF (default today).

        CONTEXT lists the entity ids the surrounding text spoke of, most recent first;
        "it", "both" or "the organization" in the claim may refer to them.
        """
        reference = as_of or date.today()
        key = (claim, reference, tuple(context))
        with self._lock:
            cached = self._results.get(key)
            if cached is not None:
                self._results.move_to_end(key)
                return cached
        reading, decisions = self._decide(claim, reference, context)
        whole = Unit(0, len(claim), decisions)
        found = result(reading, self.index, whole, as_of=reference, suggest=True)
        with self._lock:
            self._results[key] = found
            if len(self._results) > RESULT_CACHE:
                self._results.popitem(last=False)
        return found

    def claims(
        self, text: str, *, as_of: date | None = None, context: Sequence[str] = ()
    ) -> list[CheckResult]:
        """Find every claim in TEXT (one sentence) and decide each on its own.

        "Finland and Iceland joined in 2012" holds a claim about each country; "$24.6
        trillion, which is more than 23% of world GDP" holds one per part. Each result's
        start and end give the claim's stretch of TEXT.
        """
        return self.read_sentence(text, as_of=as_of, context=context)[0]

    def read_sentence(
        self, text: str, *, as_of: date | None = None, context: Sequence[str] = ()
    ) -> tuple[list[CheckResult], list[tuple[int, int, str]]]:
        """Return the claims in TEXT and the entities it names, as (start, end, entity id).

        One reading serves both, so a draft is read once per sentence.
        """
        reference = as_of or date.today()
        reading, decisions = self._decide(text, reference, context)
        found = [
            result(reading, self.index, unit, as_of=reference, suggest=True)
            for unit in units(decisions, reading)
        ]
        return found, [(m.start, m.end, m.key) for m in reading.entities]

    def _decide(
        self, text: str, as_of: date, context: Sequence[str]
    ) -> tuple[Reading, list[PartDecision]]:
        """Run the stages up to the decisions about each part of TEXT."""
        reading = read_claim(text, self.index, as_of=as_of)
        leads = retrieve(reading, self.index, context=context, as_of=as_of)
        alignment = align(reading, leads, self.index)
        decisions = decide(reading, alignment, self.index, as_of=as_of, tolerance=self.tolerance)
        return reading, decisions
