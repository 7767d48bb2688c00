"""Score verdicts against labelled claims: accuracy, macro-F1, confusion matrix, InfoTabS."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from verifier.core.engine import Verifier
from verifier.core.result import Verdict
from verifier.importers.infobox import read_table
from verifier.importers.run import InputFile, run_import
from verifier.jsonlines import json_objects

# InfoTabS labels claims E (entailed), C (contradicted) and N (neither).
INFOTABS_LABELS = {"E": "supported", "C": "contradicted", "N": "unknown"}

LABELS = tuple(v.value for v in Verdict)


class BadLine(ValueError):
    """A line of a claims file that cannot be read: its number, its id if any, and why."""

    def __init__(self, number: int, message: str, claim_id: object = None) -> None:
        """Keep the 1-based line NUMBER, what is wrong, and the id the line gave, if any."""
        super().__init__(message)
        self.number = number
        self.message = message
        self.claim_id = claim_id


@dataclass(frozen=True, slots=True)
class ClaimLine:
    """One claim read from a JSON Lines file, with the line it came from."""

    number: int
    id: object  # whatever JSON value the line gave, None when it gave none
    claim: str
    as_of: date | None
    context: list[str]
    label: str | None


def parse_day(value: object, what: str) -> date | None:
    """Parse an ISO date (YYYY-MM-DD) given on the command line or in an input line."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(f"{what} must be a date as YYYY-MM-DD, got {value!r}")


def read_claims(lines: Iterable[str], *, labelled: bool) -> Iterator[ClaimLine | BadLine]:
    """Read JSON Lines of {"id"?, "claim", "as_of"?, "context"?} (and "label" when LABELLED).

    Blank lines are skipped; a line that cannot be read comes back as a BadLine, so the
    caller decides whether to stop or go on.
    """
    for number, item in json_objects(lines):
        if isinstance(item, str):
            yield BadLine(number, item)
            continue
        try:
            yield _claim_line(number, item, labelled=labelled)
        except BadLine as bad:
            yield bad


def _claim_line(number: int, item: dict[str, Any], *, labelled: bool) -> ClaimLine:
    """Read the claim of line NUMBER, or raise BadLine saying what is wrong with it."""
    claim_id = item.get("id")

    def bad(message: str) -> BadLine:
        """Return the refusal of this line, naming the id it gave."""
        return BadLine(number, message, claim_id)

    claim = item.get("claim")
    if "claim" not in item:
        raise bad('missing field "claim"')
    if not isinstance(claim, str) or not claim.strip():
        raise bad('field "claim" must be a non-empty string')
    label = item.get("label")
    if labelled:
        if "label" not in item:
            raise bad('missing field "label"')
        if label not in LABELS:
            raise bad(f'field "label" must be one of {", ".join(LABELS)}, got {label!r}')
    context = item.get("context", [])
    if not isinstance(context, list) or not all(isinstance(c, str) for c in context):
        raise bad('field "context" must be a list of entity ids')
    try:
        as_of = parse_day(item.get("as_of"), 'field "as_of"')
    except ValueError as exc:
        raise bad(str(exc)) from None
    return ClaimLine(number, claim_id, claim, as_of, context, label if labelled else None)


@dataclass(frozen=True, slots=True)
class Scores:
    """How a run of predictions compares with the labels."""

    total: int
    accuracy: float
    macro_f1: float
    per_label_f1: dict[str, float]
    confusion: dict[str, dict[str, int]]  # label -> predicted -> count
    false_supported: int

    def called(self, verdict: str) -> int:
        """Return how many claims were called VERDICT."""
        return sum(self.confusion[label][verdict] for label in LABELS)

    def precision(self, verdict: str) -> float:
        """Return the share of the claims called VERDICT that are labelled so."""
        called = self.called(verdict)
        return self.confusion[verdict][verdict] / called if called else 0.0

    @property
    def coverage(self) -> float:
        """Return the share of claims labelled supported or contradicted that were called so."""
        decidable = [label for label in LABELS if label != "unknown"]
        total = sum(sum(self.confusion[label].values()) for label in decidable)
        right = sum(self.confusion[label][label] for label in decidable)
        return right / total if total else 0.0


def score(labels: Sequence[str], predictions: Sequence[str]) -> Scores:
    """Compare PREDICTIONS with LABELS, one per claim."""
    confusion = {label: dict.fromkeys(LABELS, 0) for label in LABELS}
    for label, predicted in zip(labels, predictions, strict=True):
        confusion[label][predicted] += 1
    per_label: dict[str, float] = {}
    for label in LABELS:
        true_positive = confusion[label][label]
        called = sum(confusion[other][label] for other in LABELS)
        actual = sum(confusion[label].values())
        precision = true_positive / called if called else 0.0
        recall = true_positive / actual if actual else 0.0
        per_label[label] = (
            2 * precision * recall / (precision + recall) if precision + recall else 0.0
        )
    present = [label for label in LABELS if sum(confusion[label].values())]
    total = len(labels)
    correct = sum(confusion[label][label] for label in LABELS)
    return Scores(
        total=total,
        accuracy=correct / total if total else 0.0,
        macro_f1=sum(per_label[label] for label in present) / len(present) if present else 0.0,
        per_label_f1=per_label,
        confusion=confusion,
        false_supported=sum(
            confusion[label]["supported"] for label in LABELS if label != "supported"
        ),
    )


@dataclass
class TableScores:
    """How the engine did on claims about tables: predictions against labels, and misses."""

    facts: int
    tables: int
    labels: list[str] = field(default_factory=list)
    predictions: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)  # decided, and not as labelled

    def precision(self, verdict: str) -> float:
        """Return the share of the claims called VERDICT that are labelled so."""
        called = [
            label
            for label, got in zip(self.labels, self.predictions, strict=True)
            if got == verdict
        ]
        return called.count(verdict) / len(called) if called else 0.0

    def called(self, verdict: str) -> int:
        """Return how many claims were called VERDICT."""
        return self.predictions.count(verdict)


def score_infotabs(folder: Path, *, as_of: date) -> TableScores:
    """Import InfoTabS' tables under FOLDER as facts and check every claim of its dev split.

    Each claim is checked with its own table's entity as the context it speaks of, as an
    editor checks a sentence against the table beside it.
    """
    paths = sorted((folder / "tables").glob("*.json"))
    tables = {table.name: table for table in (read_table(path) for path in paths)}
    # The same import `verifier facts import --format infobox` runs, checks included.
    imported = run_import("infobox", [InputFile.at(path) for path in paths]).imported
    verifier = Verifier(imported.catalog())
    entity_of = {e["name"]: e["id"] for e in imported.entities}
    scores = TableScores(facts=len(imported.facts), tables=len(tables))
    with (folder / "infotabs_dev.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            context = [entity_of[tables[row["table_id"]].title]]
            result = verifier.check(row["hypothesis"], as_of=as_of, context=context)
            label, got = INFOTABS_LABELS[row["label"]], result.verdict.value
            scores.labels.append(label)
            scores.predictions.append(got)
            if got not in ("unknown", label):
                scores.wrong.append(
                    f"{row['table_id']} {label} -> {got}: {row['hypothesis']}\n"
                    f"    {result.explanation}"
                )
    return scores
