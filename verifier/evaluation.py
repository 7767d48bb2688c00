"""Score verdicts against labelled claims: accuracy, macro-F1, confusion matrix."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from verifier.core.result import Verdict

LABELS = tuple(v.value for v in Verdict)


@dataclass(frozen=True, slots=True)
class Scores:
    """How a run of predictions compares with the labels."""

    total: int
    accuracy: float
    macro_f1: float
    per_label_f1: dict[str, float]
    confusion: dict[str, dict[str, int]]  # label -> predicted -> count
    false_supported: int


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
