"""Matching new claims and tweets to past fact checks: the pure engine in verifier.reviews.match."""

from __future__ import annotations

from datetime import date

import pytest

from verifier.reviews.match import (
    ALREADY_CHECKED,
    Match,
    ReviewIndex,
    ReviewText,
    posted_on,
    says_more_than_names,
)

REVIEWS = [
    ReviewText(
        "wombats",
        "Wombats are herding other animals into their burrows to save them from the "
        "Australian bushfires.",
        "Are Wombats Rescuing Animals from Australia's Bushfires?",
    ),
    ReviewText(
        "draft",
        "The U.S. Army is sending text messages informing people they've been selected "
        "for the military draft.",
        "Is the U.S. Army Sending Texts About a Military Draft?",
        "Fraudulent texts circulated after tensions with Iran rose.",
    ),
    ReviewText(
        "oreo",
        "Oreo released a limited-edition Lady Gaga cookie pack with pink Chromatica cookies.",
        "Are Lady Gaga Oreos Real?",
    ),
    ReviewText(
        "koalas",
        'Koalas are "functionally extinct" due to the bushfires in Australia.',
        "Are Koalas 'Functionally Extinct'?",
    ),
    ReviewText(
        "fries",
        "McDonald's restaurants are offering $1 any size fries between May 18 and 31.",
        "$1 McDonald's Any Size Fries",
    ),
    ReviewText(
        "bedbugs",
        "The Trump Doral resort was sued over bed bugs, and the lawsuit was settled.",
        "Trump Resort Settled Bed Bugs Lawsuit?",
    ),
    ReviewText("debris-the", "The"),
    ReviewText("debris-true", "true"),
    ReviewText("debris-koalas", "Koalas"),
]


@pytest.fixture(scope="module")
def index() -> ReviewIndex:
    """Return an index of the sample reviews."""
    return ReviewIndex(REVIEWS)


def first(index: ReviewIndex, text: str) -> str:
    """Return the id of the best match for TEXT."""
    found = index.search(text)
    assert found, f"no match for {text!r}"
    return found[0].id


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Wombats are sheltering other animals from the Australian fires in their burrows",
            "wombats",
        ),
        ("Army texts say you were picked for the military draft", "draft"),
        ("Koalas are now functionally extinct after the bush fires", "koalas"),
        ("McDonald's is selling any size of fries for one dollar", "fries"),
        ("Trump's Doral resort settled a bedbug lawsuit", "bedbugs"),
    ],
)
def test_paraphrase_finds_its_review_first(index: ReviewIndex, text: str, expected: str) -> None:
    assert first(index, text) == expected


def test_tweet_furniture_does_not_hurt(index: ReviewIndex) -> None:
    tweet = (
        "RT @OreoCookie: The news you&amp;#8217;ve all been waiting for 😭🎤🎶 #LadyGaga x #OREO "
        "Chromatica cookie packs drop today! https://t.co/AbC123 pic.twitter.com/OPdkueC45h "
        "oreo.com/gaga — OREO Cookie (@Oreo) January 5, 2021"
    )
    found = index.search(tweet)
    assert found[0].id == "oreo"
    plain = index.search("Lady Gaga Oreo Chromatica cookie packs drop today")
    assert plain[0].id == "oreo"
    # The furniture neither lowers the right match much nor lifts a wrong one.
    assert found[0].score >= plain[0].score - 0.1
    assert all(m.score < found[0].score for m in found[1:])


def test_hashtags_and_handles_count_as_words(index: ReviewIndex) -> None:
    assert first(index, "#WombatsSaveAnimals from #AustralianBushfires @wombat_rescue") == "wombats"


def test_html_entities_are_read(index: ReviewIndex) -> None:
    assert first(index, "McDonald&#39;s &amp; its $1 any size fries &quot;deal&quot;") == "fries"


@pytest.mark.parametrize(
    "text",
    [
        "The koalas are functionally extinct",
        "Is it true that koalas are functionally extinct?",
        "true story",
        "the the the",
        "Koalas",
    ],
)
def test_one_word_debris_never_ranks_first(index: ReviewIndex, text: str) -> None:
    found = index.search(text)
    assert not found or not found[0].id.startswith("debris")


def test_empty_index_finds_nothing() -> None:
    empty = ReviewIndex([])
    assert len(empty) == 0
    assert empty.search("Koalas are functionally extinct") == []


@pytest.mark.parametrize(
    "text", ["", "   ", "the of and", "https://t.co/x pic.twitter.com/y", "😭🎶", "@"]
)
def test_empty_or_contentless_query_finds_nothing(index: ReviewIndex, text: str) -> None:
    assert index.search(text) == []


def test_top_is_honoured(index: ReviewIndex) -> None:
    text = "Australian bushfires koalas wombats Trump army draft fries"
    assert len(index.search(text, top=2)) == 2
    assert len(index.search(text, top=1)) == 1
    assert index.search(text, top=0) == []
    assert len(index.search(text, top=100)) <= len(index)


def test_scores_are_in_range_and_sorted(index: ReviewIndex) -> None:
    found = index.search("Australian bushfires: koalas extinct, wombats save animals", top=10)
    assert len(found) >= 2
    assert all(isinstance(m, Match) for m in found)
    assert all(0.0 <= m.score <= 1.0 and m.score == round(m.score, 4) for m in found)
    assert [m.score for m in found] == sorted((m.score for m in found), reverse=True)
    assert len({m.id for m in found}) == len(found)


def test_ties_are_deterministic() -> None:
    copies = [
        ReviewText(f"copy-{i}", "Bill Gates wants to microchip everyone with vaccines")
        for i in range(4)
    ]
    one = ReviewIndex(copies).search("Bill Gates microchip vaccines", top=4)
    again = ReviewIndex(copies).search("Bill Gates microchip vaccines", top=4)
    assert one == again
    # Equal scores fall back to the order the reviews were given in: the first copy first.
    assert [m.id for m in one] == [f"copy-{i}" for i in range(4)]
    assert len({m.score for m in one}) == 1


def test_same_claim_scores_above_threshold_and_unrelated_below(index: ReviewIndex) -> None:
    same = index.search("Koalas are functionally extinct due to the bushfires in Australia")
    assert same[0].id == "koalas" and same[0].score >= ALREADY_CHECKED
    unrelated = index.search("The central bank raised interest rates by half a point in Australia")
    assert not unrelated or unrelated[0].score < ALREADY_CHECKED
    nearby = index.search("Kangaroos were seen hopping through Sydney's empty streets")
    assert not nearby or nearby[0].score < ALREADY_CHECKED


def test_threshold_is_a_score() -> None:
    assert 0.0 < ALREADY_CHECKED < 1.0


@pytest.mark.parametrize(
    ("text", "claim", "same"),
    [
        # Only the name in common: another claim about the same person.
        (
            "Jack Nicholson is an American actor.",
            "At age 37 Jack Nicholson discovered that his sister was his mother.",
            False,
        ),
        ("Keith Richards is English.", "Rolling Stones guitarist Keith Richards died.", False),
        # What is claimed in common, however it is cased.
        (
            "JACK NICHOLSON FOUND OUT HIS SISTER WAS REALLY HIS MOTHER!!",
            "At age 37 Jack Nicholson discovered that his sister was his mother.",
            True,
        ),
        ("Marilyn Monroe had an IQ of 168.", "Marilyn Monroe's IQ was measured at 168.", True),
        # A shouted claim has no lower case to tell names by: every word counts.
        ("Is the moon made of cheese?", "THE MOON IS MADE OF CHEESE", True),
    ],
)
def test_a_past_check_repeated_shares_more_than_names(text: str, claim: str, same: bool) -> None:
    assert says_more_than_names(text, claim) is same


def test_a_check_published_near_the_claim_ranks_first() -> None:
    index = ReviewIndex(
        [
            ReviewText("old", "Photos show a shark swimming on a flooded highway.", None, None,
                       "2012-10-30"),
            ReviewText("new", "A photo shows a shark swimming on a flooded highway.", None, None,
                       "2017-08-28"),
            ReviewText("undated", "Photo shows shark swimming on flooded highway."),
        ]
    )  # fmt: skip
    tweet = "A shark swimming on the highway!! — Ann (@ann) August 27, 2017"
    found = index.search(tweet, top=3)
    assert found[0].id == "new"
    # The date moves the order, never the scores: they say how close the words are.
    plain = {m.id: m.score for m in index.search(tweet.split(" — ")[0], top=3)}
    assert {m.id: m.score for m in found} == plain
    assert index.search(tweet.split(" — ")[0], top=1, when=date(2012, 11, 2))[0].id == "old"


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Wow pic.twitter.com/x — Ann Lee (@annlee) March 5, 2020", date(2020, 3, 5)),
        ("Wow — NASA (@NASA) Sept. 14, 2019", date(2019, 9, 14)),
        ("The summit opens on March 5, 2020 in Tianjin.", None),  # no sign-off: no posting date
        ("Wow — Ann (@ann) Febtember 31, 2020", None),
    ],
)
def test_a_tweet_says_when_it_was_posted_in_its_sign_off(text: str, day: date | None) -> None:
    assert posted_on(text) == day
