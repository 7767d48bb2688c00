"""Any text up to the limits, read at any date, gets a result in bounded time and never raises.

The engine and the draft checker read what strangers paste: every script, control
characters, run-on text without stops, the calendar's first and last days.
"""

from __future__ import annotations

import time
from datetime import date
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import FACTS
from verifier.budget import Budget
from verifier.config import DEFAULTS
from verifier.core.engine import Verifier
from verifier.drafts import check_draft
from verifier.drafts.segment import MAX_SENTENCE_CHARS
from verifier.store import loader

# Generous against the 50 ms a 2,000-character claim takes on one core: CI machines vary,
# and a superlinear path costs seconds, not tenths.
CLAIM_SECONDS = 1.0
DRAFT_SECONDS = 5.0

# Words the seed store knows, so generated text reaches the later stages too.
_SEED_WORDS = (
    "the SCO India Pakistan joined member states 10 in 2017 summit Tianjin was founded "
    "2001 , and . ; — only could because after before since tomorrow yesterday last next "
    "year 3.5 billion % per cent ( ) 1996–2001 not its rival Shanghai Cooperation "
    "Organization"
)
WORDS = st.sampled_from(_SEED_WORDS.split(" "))
TEXT = st.one_of(
    st.text(max_size=DEFAULTS["MAX_CLAIM_CHARS"]),
    st.lists(WORDS, max_size=400).map(" ".join),
)
DAYS = st.one_of(
    st.dates(), st.sampled_from([date.min, date.max, date(1, 1, 2), date(9999, 12, 30)])
)


@cache
def seed() -> Verifier:
    """Return a verifier over the seed facts."""
    facts = loader.validate(Path(FACTS), sources_dir=Path(FACTS) / "sources")
    return Verifier(facts.catalog())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT, DAYS)
def test_any_claim_gets_a_result_in_bounded_time(text: str, as_of: date) -> None:
    text = text[: DEFAULTS["MAX_CLAIM_CHARS"]]
    started = time.perf_counter()
    result = seed().check(text, as_of=as_of)
    assert time.perf_counter() - started < CLAIM_SECONDS
    assert result.verdict.value in {"supported", "contradicted", "unknown"}
    for span in result.spans:
        assert 0 <= span.start <= span.end <= len(text)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TEXT, min_size=1, max_size=5).map("\n".join), DAYS)
def test_any_draft_gets_a_result_in_bounded_time(text: str, as_of: date) -> None:
    started = time.perf_counter()
    result = check_draft(seed(), text, as_of=as_of, budget=Budget(DRAFT_SECONDS))
    assert time.perf_counter() - started < DRAFT_SECONDS
    for claim in result.claims:
        assert text[claim.start : claim.end] == claim.claim


def test_run_on_text_is_read_in_bounded_pieces() -> None:
    # Names and figures in every word, no full stop: the costliest text to read. About
    # 30,000 characters take 2-3 s on one core; a cost growing faster than the length
    # took minutes.
    words = "the SCO India Pakistan member states 10 2017 summit Tianjin founded 2001 and"
    run_on = " ".join([words] * 400)
    started = time.perf_counter()
    result = check_draft(seed(), run_on, as_of=date(2025, 8, 1))
    assert time.perf_counter() - started < 4 * DRAFT_SECONDS
    assert max(s.end - s.start for s in result.sentences) <= MAX_SENTENCE_CHARS
