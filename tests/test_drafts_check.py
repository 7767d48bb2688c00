"""Checking whole drafts against the seeded store: claims, offsets, context, dates, output."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from verifier.app import create_app
from verifier.cli import main
from verifier.core.engine import Verifier
from verifier.core.result import CheckResult, Verdict
from verifier.drafts import DraftResult, DraftSentence, check_draft
from verifier.drafts.render import mark, render_html, render_text
from verifier.extensions import Store

AS_OF = date(2025, 8, 28)
S, C, U = Verdict.SUPPORTED, Verdict.CONTRADICTED, Verdict.UNKNOWN


@dataclass(frozen=True)
class Seeded:
    """A store seeded from facts/: its URL, for the command line, and its verifier."""

    url: str
    verifier: Verifier


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Seeded:
    """Return a store that the app seeded from facts/ on its first start."""
    url = f"sqlite:///{tmp_path_factory.mktemp('drafts') / 'store.sqlite3'}"
    app = create_app({"DATABASE_URL": url})
    with app.app_context():
        return Seeded(url, Store.verifier())


def check(seeded: Seeded, text: str, as_of: date = AS_OF) -> DraftResult:
    """Check the draft TEXT, asserting every offset it reports indexes TEXT exactly."""
    result = check_draft(seeded.verifier, text, as_of=as_of)
    for sentence in result.sentences:
        assert text[sentence.start : sentence.end] == sentence.text
        for claim in sentence.claims:
            assert sentence.start <= claim.start < claim.end <= sentence.end
            assert text[claim.start : claim.end] == claim.claim
            for span in claim.spans:
                assert text[span.start : span.end] == span.text
    return result


def verdicts(result: DraftResult) -> list[tuple[str, Verdict, list[str]]]:
    """Return each claim's text, verdict and subjects, in the draft's order."""
    return [(c.claim, c.verdict, c.subjects) for c in result.claims]


# -- claims and offsets -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The SCO 🎉 has 12 member states.\r\nIt was founded in 2001 🇨🇳.\r\n",
        "Шанхайская организация — блок. 上海合作组织。 The SCO was founded in 2004.",
        "Ça commence 👋🏽\rThe SCO — “a bloc” — has 10 member states.\n\nIndia and Pakistan "
        "joined the SCO in 2017.",
    ],
)
def test_claim_offsets_index_the_draft_exactly(seeded: Seeded, text: str) -> None:
    result = check(seeded, text)  # check() asserts every offset
    assert result.claims


def test_offsets_hold_through_crlf_and_wide_characters(seeded: Seeded) -> None:
    text = "Title 🎉🎉\r\n" + "Шанхай — город." + "\r\nThe SCO has 12 member states."
    [claim] = check(seeded, text).claims
    assert (claim.start, claim.end) == (text.index("SCO has"), len(text) - 1)
    assert claim.verdict is C


def test_a_sentence_holds_a_claim_per_subject_and_per_value(seeded: Seeded) -> None:
    result = check(
        seeded,
        "India and Pakistan joined the SCO in 2017. "
        "The SCO has 10 member states and was founded in 2001.",
    )
    first, second = result.sentences
    assert [(c.verdict, c.subjects) for c in first.claims] == [(S, ["india"]), (S, ["pakistan"])]
    assert [c.verdict for c in second.claims] == [S, S]
    assert {c.explanation for c in second.claims} == {
        "The claim says 10 member states; the source says 10 (since 2024).",
        "The claim says 2001; the source says 15 June 2001.",
    }


# -- context carried across sentences --------------------------------------------------------


def test_it_and_the_organization_refer_to_the_last_subject(seeded: Seeded) -> None:
    result = check(
        seeded,
        "The Shanghai Cooperation Organization was founded in 2001. "
        "It has 12 member states. The organization was founded in 2004.",
    )
    assert verdicts(result) == [
        ("Shanghai Cooperation Organization was founded in 2001", S, ["sco"]),
        ("12 member states", C, ["sco"]),
        ("founded in 2004", C, ["sco"]),
    ]


def test_without_context_it_refers_to_nothing(seeded: Seeded) -> None:
    [sentence] = check(seeded, "It has 12 member states.").sentences
    assert sentence.claims == []
    assert sentence.checkable  # a figure an editor can still check by hand


def test_both_refers_to_the_two_entities_named_before(seeded: Seeded) -> None:
    result = check(
        seeded,
        "The membership process for India and Pakistan began in 2015.\n"
        "Both officially joined in 2019.",
    )
    assert verdicts(result)[-1] == ("officially joined in 2019", C, ["india", "pakistan"])


def test_member_countries_means_the_organization_spoken_of(seeded: Seeded) -> None:
    result = check(
        seeded,
        "The SCO is a bloc. Currently, the combined population of the 10 "
        "full member states exceeds 40% of the world's population.",
    )
    # One clause, one claim: its two figures are both read as the SCO's.
    [(_, verdict, subjects)] = verdicts(result)
    assert (verdict, subjects) == (S, ["sco"])
    [claim] = result.claims
    assert {s.text for s in claim.spans if s.role == "value"} == {"10", "exceeds 40%"}


# -- relative dates resolve against the draft's date -----------------------------------------


@pytest.mark.parametrize(
    ("text", "as_of", "verdict", "said"),
    [
        ("The SCO summit in Tianjin starts on the 31st.", date(2025, 8, 28), S, "31 August 2025"),
        ("The SCO summit in Tianjin starts on the 31st.", date(2025, 7, 28), C, "31 July 2025"),
        ("The 25th SCO summit will be held in Tianjin this year.", date(2025, 8, 1), S, "2025"),
        ("The 25th SCO summit will be held in Tianjin this year.", date(2024, 6, 1), C, "2024"),
    ],
)
def test_relative_dates_use_the_drafts_date(
    seeded: Seeded, text: str, as_of: date, verdict: Verdict, said: str
) -> None:
    claim = check(seeded, text, as_of).claims[-1]
    assert claim.verdict is verdict
    assert f"claim says {said};" in claim.explanation
    assert claim.as_of == as_of.isoformat()


# -- checkable or not ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "checkable", "reason"),
    [
        ("The SCO has 10 member states.", True, "states a figure"),
        ("The SCO was founded in 2001 in Shanghai.", True, "states a date"),
        (
            "Critics say the SCO, a bloc of 10 member states, is weak.",
            True,
            "an opinion (“Critics”), but states a figure",
        ),
        (
            "Reuters cited an official who claimed that the SCO is 'an important force in "
            "building a new form of international relations.'",
            False,
            "a quoted view",
        ),
        ("Xi will likely use this meeting as a showcase.", False, "a prediction"),
        ("It appears that an anti-Trump coalition is coming together.", False, "an opinion"),
        ("Is the SCO a counterweight to NATO?", False, "rhetoric (a question"),
        ("What a summit that was!", False, "rhetoric"),
        ("Founding of the SCO", False, "a heading"),
        (
            "Military clashes continued, but the SCO did not intervene.",
            False,
            "no figure, date, place, membership or event to check",
        ),
    ],
)
def test_sentences_are_judged_checkable_with_a_reason(
    seeded: Seeded, text: str, checkable: bool, reason: str
) -> None:
    [sentence] = check(seeded, text).sentences
    assert (sentence.checkable, sentence.reason.startswith(reason)) == (checkable, True), (
        sentence.reason
    )


def test_an_opinion_about_the_bloc_spoken_of_keeps_its_figure(seeded: Seeded) -> None:
    result = check(seeded, "The SCO is a regional bloc. Critics say the 10-member bloc is weak.")
    opinion = result.sentences[1]
    assert opinion.checkable and opinion.reason.startswith("an opinion (“Critics”)")
    # The figure is read and cited, but the view ("weak") is nothing the store decides.
    [claim] = opinion.claims
    assert (claim.claim, claim.verdict, claim.subjects) == ("10-member", U, ["sco"])
    assert claim.citations and "“weak”" in claim.explanation
    # A wrong figure inside a view is still wrong.
    wrong = check(seeded, "The SCO is a regional bloc. Critics say the 12-member bloc is weak.")
    [claim] = wrong.sentences[1].claims
    assert claim.verdict is C


def test_an_opinion_keeps_its_checkable_part(seeded: Seeded) -> None:
    text = "Critics say the SCO, a bloc of 12 member states, is weak."
    [sentence] = check(seeded, text).sentences
    assert sentence.checkable and sentence.reason.startswith("an opinion")
    assert [(c.claim, c.verdict) for c in sentence.claims] == [
        ("SCO, a bloc of 12 member states", C)
    ]


# -- the result and how it is shown ----------------------------------------------------------

DRAFT = (
    "The SCO summit 🎉\r\nThe SCO has 12 member states. It was founded in 2001.\r\n\r\n"
    "Xi <b>will</b> likely attend & speak."
)


def test_result_is_json_ready_with_contradicted_claims_first(seeded: Seeded) -> None:
    data = json.loads(json.dumps(check(seeded, DRAFT).to_dict()))
    summary = data["summary"]
    assert summary["verdicts"] == {"contradicted": 1, "unknown": 0, "supported": 1}
    assert [c["verdict"] for c in summary["ranked"]] == ["contradicted", "supported"]
    assert (summary["sentences"], summary["checkable"], summary["claims"]) == (4, 2, 2)
    sentence = data["sentences"][1]
    assert {"start", "end", "text", "checkable", "reason", "claims"} <= set(sentence)
    claim = sentence["claims"][0]
    assert claim["claim"] == DRAFT[claim["start"] : claim["end"]] == "SCO has 12 member states"
    assert {"verdict", "explanation", "citations", "spans", "disputed", "subjects"} <= set(claim)


def test_text_marks_claims_inline_with_explanations_beneath(seeded: Seeded) -> None:
    lines = click.unstyle(render_text(check(seeded, DRAFT))).splitlines()
    assert "The [1:SCO has 12 member states]1✗." in lines
    assert lines[lines.index("The [1:SCO has 12 member states]1✗.") + 1] == (
        "    (1) ✗ CONTRADICTED: “SCO has 12 member states” — The claim says 12 member states; "
        "the source says 10 (since 2024)."
    )
    assert "It was [2:founded in 2001]2✓." in lines
    assert "    · not checkable: a prediction (“will”)" in lines
    summary = next(line for line in lines if line.startswith("4 sentences, 2 checkable;"))
    assert summary.startswith("4 sentences, 2 checkable; 2 claims: 1 contradicted")
    # The correction follows the contradicted claim in the text and again in the list below.
    assert lines.count("        corrected: The SCO has 10 member states.") == 1
    assert lines[-1] == "      corrected: The SCO has 10 member states."


def test_html_is_self_contained_escaped_and_never_colour_alone(seeded: Seeded) -> None:
    page = render_html(check(seeded, DRAFT))
    assert "<b>will</b>" not in page and "&lt;b&gt;will&lt;/b&gt; likely attend &amp; speak" in page
    assert not re.search(r"<(?:link|script|img)\b|\b(?:src|href)=\"(?!#)", page)
    # The contradicted claim is marked, and its badge names the verdict by icon and word.
    assert '<mark class="v-contradicted">SCO has 12 member states</mark>' in page
    assert re.search(r'class="badge v-contradicted"[^>]*>✗ 1 contradicted<', page)
    assert re.search(r'class="badge v-supported"[^>]*>✓ 2 supported<', page)


# -- the command line ------------------------------------------------------------------------


def run(seeded: Seeded, *args: str) -> tuple[int, str, str]:
    """Run `verifier check` on the seeded store; return exit code, stdout and stderr."""
    result = CliRunner().invoke(main, ["--database-url", seeded.url, "check", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def draft_file(tmp_path: Path) -> Path:
    """Write DRAFT to a file, line endings as they are."""
    path = tmp_path / "draft.txt"
    path.write_bytes(DRAFT.encode("utf-8"))
    return path


def test_cli_checks_a_draft_file_as_json_with_offsets_into_the_file(
    seeded: Seeded, draft_file: Path
) -> None:
    code, out, _ = run(
        seeded, "--file", str(draft_file), "--as-of", "2025-08-28", "--format", "json"
    )
    assert code == 0
    data = json.loads(out)
    assert data["as_of"] == "2025-08-28"
    claim = data["summary"]["ranked"][0]
    assert DRAFT[claim["start"] : claim["end"]] == claim["claim"]  # CRLF kept as written


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("text", "The [1:SCO has 12 member states]1✗."),
        ("html", '<mark class="v-contradicted">SCO has 12 member states</mark>'),
    ],
)
def test_cli_draft_formats(seeded: Seeded, draft_file: Path, fmt: str, expected: str) -> None:
    code, out, _ = run(seeded, "--file", str(draft_file), "--as-of", "2025-08-28", "--format", fmt)
    assert code == 0 and expected in out


def test_cli_shows_progress_on_long_drafts_only(seeded: Seeded, tmp_path: Path) -> None:
    long = tmp_path / "long.txt"
    long.write_text("The SCO has 10 member states. " * 200, encoding="utf-8")
    code, out, err = run(seeded, "--file", str(long), "--format", "json")
    assert code == 0 and "Checking the draft" in err
    assert json.loads(out)["summary"]["sentences"] == 200
    short = tmp_path / "short.txt"
    short.write_text("The SCO has 10 member states.", encoding="utf-8")
    assert run(seeded, "--file", str(short))[2] == ""


def test_cli_keeps_single_claims_and_refuses_mixed_inputs(seeded: Seeded, draft_file: Path) -> None:
    code, out, _ = run(seeded, "The SCO has 12 member states", "--format", "json")
    assert code == 0 and json.loads(out)["verdict"] == "contradicted"
    assert run(seeded, "The SCO has 12 member states", "--file", str(draft_file))[0] == 2
    assert run(seeded, "The SCO has 12 member states", "--format", "html")[0] == 2
    assert run(seeded)[0] == 2


# -- measured on real drafts: no sentence special-cased, the same runs on unseen drafts -------


def read_draft(path: Path) -> str:
    """Read a draft exactly as written, line endings included."""
    with path.open(encoding="utf-8", newline="") as handle:
        return handle.read()


def contradicted_outside(result: DraftResult, allowed: list[str], disputed: list[str]) -> list[str]:
    """Describe each contradicted claim outside ALLOWED sentences, unless disputed in DISPUTED."""
    wrong = []
    for sentence in result.sentences:
        if any(piece in sentence.text for piece in allowed):
            continue
        in_disputed = any(piece in sentence.text for piece in disputed)
        for claim in sentence.claims:
            if claim.verdict is C and not (claim.disputed and in_disputed):
                wrong.append(f"{sentence.text!r}: {claim.claim!r}: {claim.explanation}")
    return wrong


def test_injected_errors_are_contradicted_and_nothing_else(
    seeded: Seeded, shared_eval: Path
) -> None:
    spec = json.loads((shared_eval / "draft-000-injected.json").read_text(encoding="utf-8"))
    result = check(
        seeded,
        read_draft(shared_eval / "draft-000-injected.txt"),
        date.fromisoformat(spec["as_of"]),
    )
    errors = [e["contains"] for e in spec["injected_errors"]]
    missed = []
    for piece in errors:
        [sentence] = [s for s in result.sentences if piece in s.text]
        if not any(c.verdict is C for c in sentence.claims):
            missed.append(
                f"{sentence.text!r}: "
                + "; ".join(
                    f"{c.claim!r} {c.verdict.value}: {c.explanation}" for c in sentence.claims
                )
            )
    assert missed == []
    assert contradicted_outside(result, errors, [d["contains"] for d in spec["disputed"]]) == []


@pytest.mark.parametrize(
    ("name", "as_of"),
    [
        ("000_38ea044f9b3c9840.txt", date(2025, 8, 25)),
        ("004_62723ae6f9fd94e4.txt", date(2025, 8, 28)),
    ],
)
def test_source_articles_unchanged_contradict_nothing_undisputed(
    seeded: Seeded, shared_sources: Path, name: str, as_of: date
) -> None:
    result = check(seeded, read_draft(shared_sources / name), as_of)
    assert result.claims
    wrong = [
        f"{c.claim!r}: {c.explanation}" for c in result.claims if c.verdict is C and not c.disputed
    ]
    assert wrong == []


# -- corrections, marks and notices an editor reads ----------------------------------------


def test_every_contradicted_claim_carries_its_corrected_sentence(seeded: Seeded) -> None:
    text = (
        "The SCO was founded in 2003. The SCO has 12 member states.\n"
        "At the 2019 Astana Summit, India and Pakistan both officially joined the SCO."
    )
    result = check(seeded, text)
    contradicted = [c for c in result.claims if c.verdict is C]
    assert len(contradicted) == 3
    suggestions = {c.suggestion for c in contradicted}
    assert suggestions == {
        "The SCO was founded in 2001.",
        "The SCO has 10 member states.",
        # Two subjects, one wrong year: one correction for both.
        "At the 2017 Astana Summit, India and Pakistan both officially joined the SCO.",
    }
    ranked = result.to_dict()["summary"]["ranked"]
    assert {r["suggestion"] for r in ranked if r["verdict"] == "contradicted"} == suggestions


def test_a_sentence_takes_its_worst_claims_verdict(seeded: Seeded) -> None:
    result = check(seeded, "The SCO was founded in 2001 and has 12 member states. Hello there.")
    first, second = result.sentences
    assert {c.verdict for c in first.claims} == {S, C}
    assert first.verdict is C and first.to_dict()["verdict"] == "contradicted"
    assert second.verdict is None and second.to_dict()["verdict"] is None


def test_figures_and_dates_no_verdict_rests_on_are_not_verified(seeded: Seeded) -> None:
    text = "The SCO has 10 member states. The summit drew 4,000 journalists in 2019."
    result = check(seeded, text)
    values = {v.text: v.verified for s in result.sentences for v in s.values}
    assert values == {"10": True, "4,000": False, "2019": False}
    assert [v.text for v in result.unverified] == ["4,000", "2019"]
    for value in result.unverified:
        assert text[value.start : value.end] == value.text
    assert result.to_dict()["summary"]["not_verified"] == 2
    lines = click.unstyle(render_text(result)).splitlines()
    assert "The summit drew 4,000⁽ⁿᵛ⁾ journalists in 2019⁽ⁿᵛ⁾." in lines
    assert "    ⁽ⁿᵛ⁾ not verified: “4,000”, “2019”" in lines


def test_an_undated_draft_says_which_dates_it_read_against_today(seeded: Seeded) -> None:
    text = "BEIJING, August 28, 2025\nThe summit opens on the 31st in Tianjin."
    undated = check_draft(seeded.verifier, text)
    assert not undated.dated
    [relative] = undated.relative
    assert relative.text == "the 31st" and relative.read_as is not None
    # The dateline near the top is offered as the draft's date.
    assert undated.suggested_as_of() == date(2025, 8, 28)
    assert undated.to_dict()["suggested_as_of"] == "2025-08-28"
    notice = click.unstyle(render_text(undated)).splitlines()
    assert any(
        line.startswith("note: no date was given, so relative dates were read as of today")
        and "“the 31st” as " in line
        and "the draft's dateline says 2025-08-28" in line
        for line in notice
    )
    dated = check(seeded, text)
    assert dated.dated and dated.suggested_as_of() is None
    assert dated.relative[0].read_as == "31 August 2025"
    assert not any(line.startswith("note:") for line in render_text(dated).splitlines())


def test_headings_captions_and_bylines_are_not_checked(seeded: Seeded) -> None:
    text = (
        "Founding of the SCO\n"
        "By Jane Doe\n"
        "The SCO was founded in 2003.\n"
        "Leaders pose (left to right) at the summit in 2019. Photo: Jane Doe\n"
        "- The SCO has 12 member states\n"
    )
    result = check(seeded, text)
    by_text = {s.text: s for s in result.sentences}
    for fragment, reason in (
        ("Founding of the SCO", "a heading"),
        ("By Jane Doe", "a byline"),
        ("Photo: Jane Doe", "a photo caption"),
    ):
        sentence = by_text[fragment]
        assert not sentence.checkable and not sentence.claims and not sentence.values
        assert sentence.reason.startswith(reason)
    assert [c.verdict for c in by_text["The SCO was founded in 2003."].claims] == [C]
    # A list item needs no full stop to be a claim.
    assert [c.verdict for c in by_text["- The SCO has 12 member states"].claims] == [C]
    # A text of one line is the claim the editor asked about, full stop or not.
    assert [c.verdict for c in check(seeded, "The SCO Was Founded In 2003").claims] == [C]


def test_a_claim_holding_a_worse_claim_says_so() -> None:
    def claim(start: int, end: int, verdict: Verdict) -> CheckResult:
        return CheckResult("", verdict, 1.0, "", False, "2025-08-28", start=start, end=end)

    outer, inner, beside = claim(0, 30, S), claim(10, 14, C), claim(32, 40, U)
    sentence = DraftSentence(0, 41, "x" * 41, True, "states a date", [outer, inner, beside])
    [[marked]] = mark(DraftResult("x" * 41, AS_OF, [sentence]))
    assert marked.verdict == "contradicted"
    assert {n: [c.number for c in inside] for n, inside in marked.contains.items()} == {1: [2]}
