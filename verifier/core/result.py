"""What a check returns: verdict, confidence, explanation, citations, spans, suggestion."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import Any


class Verdict(StrEnum):
    """What the store says of a claim (see VERDICTS.md)."""

    SUPPORTED = "supported"
    CONTRADICTED = "contradicted"
    UNKNOWN = "unknown"

    def negated(self) -> Verdict:
        """Return the verdict of the claim's negation: supported and contradicted swap."""
        if self is Verdict.SUPPORTED:
            return Verdict.CONTRADICTED
        if self is Verdict.CONTRADICTED:
            return Verdict.SUPPORTED
        return self


@dataclass(frozen=True, slots=True)
class SourceRef:
    """A source as a citation shows it."""

    id: str
    title: str
    publisher: str
    published: str | None
    url: str | None
    tier: str


@dataclass(frozen=True, slots=True)
class Citation:
    """One fact a verdict rests on, with its source and the source's own words."""

    fact_id: str
    statement: str
    value: str
    period: str | None
    source: SourceRef
    quote: str | None
    quoted_from: SourceRef | None
    verdict: Verdict


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the claim the engine read: an entity, an attribute phrase, or a value."""

    start: int
    end: int
    text: str
    role: str
    ref: str | None = None


@dataclass(frozen=True, slots=True)
class PartResult:
    """One part of a claim (a clause, or one of the subjects named together) and its verdict."""

    text: str
    start: int
    end: int
    role: str
    verdict: Verdict
    explanation: str
    citations: list[Citation] = field(default_factory=list)


@dataclass(slots=True)
class CheckResult:
    """The full answer for one claim."""

    claim: str
    verdict: Verdict
    confidence: float
    explanation: str
    disputed: bool
    as_of: str
    citations: list[Citation] = field(default_factory=list)
    related: list[Citation] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    suggestion: str | None = None
    start: int = 0
    end: int = 0
    subjects: list[str] = field(default_factory=list)
    parts: list[PartResult] = field(default_factory=list)
    # The plain data, made on the first to_dict: a result asked for again is served as is.
    _data: dict[str, Any] | None = field(default=None, init=False, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """Return the result as plain JSON-ready data (shared: read it, do not change it)."""
        if self._data is None:
            data: dict[str, Any] = _plain(self)
            data["confidence"] = round(self.confidence, 3)
            self._data = data
        return self._data


def _plain(value: Any) -> Any:
    """Return VALUE as JSON-ready data: dataclasses as dicts, verdicts as their strings."""
    # Not dataclasses.asdict: it deep-copies every leaf, a third of a quick check's time.
    if isinstance(value, Verdict):
        return value.value
    if isinstance(value, list):
        return [_plain(item) for item in value]
    names = _FIELDS.get(type(value))
    if names is None:
        return value
    return {name: _plain(getattr(value, name)) for name in names}


_FIELDS: dict[type, tuple[str, ...]] = {
    kind: tuple(f.name for f in fields(kind) if not f.name.startswith("_"))
    for kind in (SourceRef, Citation, Span, PartResult, CheckResult)
}
