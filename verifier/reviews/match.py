"""Find the past fact checks (ClaimReview records) that a new claim or tweet repeats."""

from __future__ import annotations

import calendar
import html
import math
import random
import re
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

import numpy as np
import numpy.typing as npt
import snowballstemmer  # type: ignore[import-untyped]
from anyascii import anyascii
from rapidfuzz import fuzz
from rapidfuzz.utils import default_process
from scipy import sparse  # type: ignore[import-untyped]

# The score from which a match is shown as "already checked". Chosen on the CLEF tuning
# splits (2020 train, 2022 train): the lowest score at which the top match is right at least
# 95% of the time, counting as wrong both wrong top matches and the top match found when the
# right review is removed from the index (unless it is a near-copy of it). At 0.58 precision
# is 0.95 and recall 0.34 on the tuning splits; on the dev splits 0.95/0.36 (2020), 0.92/0.32
# (2022).
ALREADY_CHECKED = 0.58
# How the score weighs its signals, each in [0, 1] (tuned on the same splits).
_W_RELATIVE = 0.5  # BM25 as a share of the best candidate's: ranks within a query
_W_SHARE = 0.5  # BM25 as a share of the document's own words: absolute
_W_LETTERS = 1.5  # cosine of letter 3-5-grams: survives spelling, compounds, inflection
_W_FUZZY = 0.5  # rapidfuzz token-set ratio: the document's words all in the text
# A claim is most often checked when it circulates: of the CLEF 2022 training tweets, the
# right check was published within 30 days of the tweet for 85%, a wrong candidate for 14%.
# With both dates known, a check gains up to _W_DATE in rank (not in score), fading with the
# days between by e-folds of _DATE_DAYS (both chosen on those tweets: +0.05 MAP@5).
_W_DATE = 0.15
_DATE_DAYS = 30.0
# A review of fewer content words is damped in proportion; one of a single word ("true",
# "Hoax", a stray heading) is debris from scraping, not a claim, and is never returned.
_FULL_TERMS = 3

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class ReviewText:
    """What the matcher reads of one past fact check."""

    id: str
    claim: str
    title: str | None = None
    summary: str | None = None  # a line under the title (CLEF 2022's "subtitle"); often None
    published: str | None = None  # ISO date, as precise as known: "2019", "2019-06", "2019-06-03"


@dataclass(frozen=True, slots=True)
class Match:
    """One past fact check found for a text, and how close it is (0 to 1, higher is closer)."""

    id: str
    score: float


# ---- cleaning -------------------------------------------------------------------------------

_MONTHS = "|".join((*calendar.month_name[1:], *calendar.month_abbr[1:], "Sept"))
# A date's day is noise to matching; its month and year are words a check often has too
# ("in June 2019"): measured, dropping the day helps on both CLEF tuning splits (+0.01 MAP@5).
_DATE = re.compile(rf"\b({_MONTHS})\.? (\d{{1,2}}), (\d{{4}})\b", re.IGNORECASE)
# Links carry no words of the claim; hashtags are often glued to them ("#Taghttps://t.co/x").
_LINK = re.compile(r"(?:https?://|www\.|pic\.twitter\.com/)\S*", re.IGNORECASE)
_DOMAIN = re.compile(
    r"\W*(?:[\w-]+\.)+(?:com|org|net|gov|edu|co|ly|io|us|uk|tv|me|be|news|info)(?:/\S*)?\W*",
    re.IGNORECASE,
)
# A quoted tweet ends "— Name (@handle) Month D, YYYY", sometimes cut short: not the claim.
_SIGNATURE = re.compile(r"\s[\u2014\u2013]\s*[^\u2014\u2013]{0,80}\(@[^\u2014\u2013]*$")
_TAG = re.compile(r"([#@])(\w+)")
_HANDLE = re.compile(r"@\w+")
_RT = re.compile(r"\bRT\b:?")
_HIGH = re.compile(r"[\u2190-\U0010ffff]")
_CAMEL = re.compile(
    r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])|_"
)
# Every ASCII character but a letter or digit separates words (cleaned text is ASCII).
_SEPARATORS = str.maketrans({chr(c): " " for c in range(128) if not chr(c).isalnum()})
_STEMMER = snowballstemmer.stemmer("english")
# Typographic quotes and dashes fill most fact checks; mapping them first spares anyascii.
_QUICK = str.maketrans({c: anyascii(c) for c in "\u2018\u2019\u201c\u201d\u2013\u2014\u2026\xa0"})


def _symbol(match: re.Match[str]) -> str:
    """Return a high character if it is a letter, else a space (emoji, arrows, dingbats)."""
    return match.group() if match.group().isalpha() else " "


def _split_tag(match: re.Match[str]) -> str:
    """Return a #HashTag or @handle as the words it joins."""
    return " " + _CAMEL.sub(" ", match.group(2)) + " "


def clean(text: str, *, signature: bool = True) -> str:
    """Return TEXT without links, markup, emoji, tweet furniture and (unless SIGNATURE) sign-off."""
    if "&" in text:
        text = html.unescape(html.unescape(text))
    if "/" in text or "www." in text:
        text = _LINK.sub(" ", text)
    if "." in text:
        text = " ".join(w for w in text.split() if "." not in w or not _DOMAIN.fullmatch(w))
    if not signature:
        text = _HANDLE.sub(" ", _SIGNATURE.sub(" ", text))
    if "," in text:
        text = _DATE.sub(r"\1 \3", text)
    if "RT" in text:
        text = _RT.sub(" ", text)
    if "#" in text or "@" in text:
        text = _TAG.sub(_split_tag, text)
    if not text.isascii():
        text = text.translate(_QUICK)
        if not text.isascii():
            text = anyascii(_HIGH.sub(_symbol, text))
    return text


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    """Return scikit-learn's English stopwords, and tweet furniture (rt, amp, via)."""
    # Imported on first use: scikit-learn takes over a second to import, and every command
    # and worker would pay it at start; only matching needs the list.
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS  # type: ignore[import-untyped]

    return frozenset(ENGLISH_STOP_WORDS) | {"rt", "amp", "via"}


@lru_cache(maxsize=500_000)
def _stem(word: str) -> str:
    """Return the Snowball stem of WORD."""
    return str(_STEMMER.stemWord(word))


def _words(text: str) -> list[str]:
    """Return the lowercase words of cleaned TEXT."""
    return text.lower().translate(_SEPARATORS).split()


def tokens(text: str) -> list[str]:
    """Return the stemmed content words of cleaned TEXT."""
    stop = _stopwords()
    return [_stem(w) for w in _words(text) if w not in stop]


def posted_on(text: str) -> date | None:
    """Return the day in a tweet's sign-off ("— Name (@handle) March 5, 2020"), if it has one."""
    signature = _SIGNATURE.search(text)
    found = _DATE.search(signature.group(0)) if signature else None
    if found is None:
        return None
    month, day, year = found.groups()
    try:
        return datetime.strptime(f"{month[:3]} {day} {year}", "%b %d %Y").date()
    except ValueError:
        return None


def _ordinal(published: str | None) -> float:
    """Return the day number of an ISO date as precise as known (its first day), or NaN."""
    if not published:
        return math.nan
    parts = [*published.split("-"), "1", "1"][:3]
    try:
        return float(date(int(parts[0]), int(parts[1]), int(parts[2][:2])).toordinal())
    except ValueError:
        return math.nan


def says_more_than_names(text: str, claim: str) -> bool:
    """Return whether TEXT shares with a reviewed CLAIM a word that is not part of a name.

    Two claims about one person are not one claim: "Jack Nicholson is an American actor" does
    not repeat a check of "At 37 Jack Nicholson learnt his sister was his mother", however
    rare the name that makes them close. A word the claim writes in lower case, or a figure,
    says what is claimed; a capitalised one names. A claim with no lower case (shouted) counts
    every word.
    """
    claim = clean(claim)
    words = claim.translate(_SEPARATORS).split()
    if any(c.islower() for c in claim):
        words = [w for w in words if not w[0].isupper()]
    said = set(tokens(" ".join(words)))
    return not said.isdisjoint(tokens(clean(text, signature=False)))


def _letters(text: str) -> str:
    """Return cleaned TEXT lowercased, as letters and digits between spaces."""
    return str(default_process(text))


# ---- letter n-grams -------------------------------------------------------------------------

_BITS = 20  # 2**20 hash buckets: few collisions among the n-grams of 51 short texts
_NGRAMS = (3, 4, 5)
_SAMPLE = 10_000  # documents read for the n-grams' IDF: a sample estimates it well enough


def _char_grams(texts: Sequence[str]) -> tuple[Ints, Ints, Floats]:
    """Return (text, bucket, count) of each letter 3-5-gram inside a word of each of TEXTS.

    Like sklearn's char_wb analyzer, each word is padded with a space on either side, so
    n-grams may start or end at a word's edge but never span two words.
    """
    joined = "\0" + "\0".join(f" {t} " for t in texts) + "\0"
    codes = np.frombuffer(joined.encode("ascii", "replace"), dtype=np.uint8).astype(np.uint64)
    owner = np.cumsum(codes == 0) - 1
    space = (codes == 32) | (codes == 0)
    grams: list[npt.NDArray[np.uint64]] = []
    starts: list[Ints] = []
    h = codes.copy()
    inner = np.zeros(len(codes), dtype=bool)  # a space or text edge strictly inside the n-gram
    for n in range(2, _NGRAMS[-1] + 1):
        m = len(codes) - n + 1
        if m <= 0:
            break
        h = h[:m] * np.uint64(1_000_003) + codes[n - 1 : n - 1 + m]
        inner = inner[:m] | space[n - 2 : n - 2 + m] if n >= 3 else np.zeros(m, dtype=bool)
        if n in _NGRAMS:
            ok = ~inner & (codes[:m] != 0) & (codes[n - 1 : n - 1 + m] != 0)
            idx = np.flatnonzero(ok)
            grams.append(h[idx] * np.uint64(0x9E3779B97F4A7C15) >> np.uint64(64 - _BITS))
            starts.append(idx)
    if not grams:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0)
    bucket = np.concatenate(grams).astype(np.int64)
    who = owner[np.concatenate(starts)].astype(np.int64)
    keys, counts = np.unique((who << _BITS) | bucket, return_counts=True)
    return keys >> _BITS, keys & ((1 << _BITS) - 1), counts.astype(np.float64)


# ---- index ----------------------------------------------------------------------------------


class ReviewIndex:
    """An index of past fact checks, searched by the words and letters a text shares with them."""

    def __init__(
        self,
        reviews: Sequence[ReviewText],
        *,
        k1: float = 1.2,
        b: float = 0.75,
        candidates: int = 50,
    ) -> None:
        """Build the index of REVIEWS."""
        self._ids = [r.id for r in reviews]
        self._days = np.array([_ordinal(r.published) for r in reviews], dtype=np.float64)
        self._k1, self._b, self._candidates = k1, b, candidates
        self._fuzzy: list[str] = []
        self._chars: list[str] = []
        self._vocab: dict[str, int] = {}
        self._words: dict[str, int] = {}  # each word seen -> its stem's column; -1 if a stopword
        # Packed, not a list: a million terms as Python ints would cost 36 bytes each.
        cols = array("q")
        lengths: list[int] = []
        for r in reviews:
            claim = clean(r.claim)
            title = clean(r.title) if r.title else ""
            summary = clean(r.summary) if r.summary else ""
            start = len(cols)
            # The claim and title say what was checked; the summary only glosses it.
            for part, times in ((claim, 2), (title, 2), (summary, 1)):
                if part:
                    terms = self._terms(part)
                    for _ in range(times):
                        cols.extend(terms)
            lengths.append(len(cols) - start)
            self._fuzzy.append(_letters(f"{claim} {title}"))
            self._chars.append(_letters(f"{claim} {title} {summary}"))
        n = len(reviews)
        col = np.frombuffer(cols, dtype=np.int64)
        keep = col >= 0
        rows = np.repeat(np.arange(n), lengths)[keep]
        tf = sparse.csr_matrix(
            (np.ones(int(keep.sum()), dtype=np.float32), (rows, col[keep])),
            shape=(n, len(self._vocab)),
        )
        tf.sum_duplicates()
        weights = self._bm25(tf)
        # What a document scores against a text holding each of its words once: the most
        # a query can share with it, so that BM25 reads as a share, alike across queries.
        self._full = np.asarray(weights.sum(axis=1)).ravel().astype(np.float64)
        terms = np.diff(weights.indptr)
        self._damp = np.where(terms >= 2, np.minimum(1.0, terms / _FULL_TERMS), 0.0)
        self._weights = weights.tocsc()
        self._char_idf = self._letter_idf()

    def _terms(self, text: str) -> list[int]:
        """Return the column of each word of cleaned TEXT (-1 for stopwords), adding new stems."""
        words = _words(text)
        seen = self._words
        stop = _stopwords()
        out = [seen.get(w, -2) for w in words]
        if -2 in out:
            for w in words:
                if w not in seen:
                    seen[w] = (
                        -1 if w in stop else self._vocab.setdefault(_stem(w), len(self._vocab))
                    )
            out = [seen[w] for w in words]
        return out

    def _query_terms(self, text: str) -> list[int]:
        """Return the columns of the indexed stems among the words of cleaned TEXT."""
        out: list[int] = []
        stop = _stopwords()
        for w in _words(text):
            col = self._words.get(w)
            if col is None and w not in stop:
                col = self._vocab.get(_stem(w))
            if col is not None and col >= 0:
                out.append(col)
        return out

    def _bm25(self, tf: sparse.csr_matrix) -> sparse.csr_matrix:
        """Return the BM25 (Lucene) weight of each term in each document."""
        n = tf.shape[0]
        length = np.asarray(tf.sum(axis=1)).ravel()
        norm = self._k1 * (
            1 - self._b + self._b * length / max(float(length.mean()) if n else 0.0, 1e-9)
        )
        df = np.bincount(tf.indices, minlength=tf.shape[1])
        idf = np.log1p((n - df + 0.5) / (df + 0.5))
        out = tf.copy()
        row_norm = np.repeat(norm, np.diff(tf.indptr))
        out.data = (out.data / (out.data + row_norm) * idf[out.indices]).astype(np.float32)
        return out

    def _letter_idf(self) -> Floats:
        """Return the smoothed IDF of each n-gram bucket, estimated on a sample of documents."""
        texts = self._chars
        if len(texts) > _SAMPLE:
            texts = random.Random(0).sample(texts, _SAMPLE)
        _, bucket, _ = _char_grams(texts)
        df = np.bincount(bucket, minlength=1 << _BITS).astype(np.float64)
        n = len(texts)
        return np.log((1 + n) / (1 + df)) + 1

    def __len__(self) -> int:
        """Return how many past fact checks the index holds."""
        return len(self._ids)

    def candidates(self, text: str, *, many: int | None = None) -> tuple[Ints, dict[str, Floats]]:
        """Return the MANY best BM25 candidates for TEXT, in corpus order, and their features."""
        words = self._query_terms(clean(text))
        if not words:
            return np.zeros(0, dtype=np.int64), {}
        terms, counts = np.unique(words, return_counts=True)
        scores = self._weights[:, terms] @ counts.astype(np.float32)
        k = min(many or self._candidates, len(scores))
        top = np.sort(np.argpartition(-scores, k - 1)[:k])
        top = top[(scores[top] > 0) & (self._damp[top] > 0)]
        q = _letters(clean(text, signature=False))
        fz = np.array([fuzz.token_set_ratio(q, self._fuzzy[i]) for i in top]) / 100
        bm = scores[top].astype(np.float64)
        share = np.minimum(1.0, bm / np.maximum(self._full[top], 1e-9))
        return top, {"bm": bm, "share": share, "fz": fz, "cos": self._cosines(q, top)}

    def _cosines(self, query: str, top: Ints) -> Floats:
        """Return the TF-IDF cosine of QUERY's letter n-grams with those of documents TOP."""
        who, bucket, count = _char_grams([query, *(self._chars[i] for i in top)])
        weight = (1 + np.log(count)) * self._char_idf[bucket]
        norms = np.sqrt(np.bincount(who, weights=weight**2, minlength=len(top) + 1))
        # The query's n-grams come first, sorted: each document n-gram finds its match by
        # binary search (a sparse product would build an index of all 2**20 buckets).
        mine = who == 0
        query_buckets, query_weights = bucket[mine], weight[mine]
        dots: Floats = np.zeros(len(top))
        if len(query_buckets):
            theirs = ~mine
            at = np.minimum(np.searchsorted(query_buckets, bucket[theirs]), len(query_buckets) - 1)
            shared = query_buckets[at] == bucket[theirs]
            products = weight[theirs][shared] * query_weights[at[shared]]
            dots = np.bincount(
                who[theirs][shared] - 1, weights=products, minlength=len(top)
            ).astype(np.float64)
        denom = norms[1:] * norms[0]
        out: Floats = np.divide(dots, denom, out=np.zeros_like(dots), where=denom > 0)
        return out

    def search(
        self,
        text: str,
        *,
        top: int = 5,
        candidates: int | None = None,
        when: date | None = None,
    ) -> list[Match]:
        """Return the TOP past fact checks closest to TEXT, best first.

        CANDIDATES (default: the index's) is how many of BM25's best are ranked again; fewer
        is quicker and finds the near-copies a threshold keeps as well, but ranks the rest
        less well. WHEN is the day the text was said (else the date of a tweet's sign-off,
        if it has one): checks published near it rank first. A match's score is its words'
        closeness alone, so with a date the order may differ from the scores'.
        """
        if top <= 0:
            return []
        idx, f = self.candidates(text, many=candidates)
        if len(idx) == 0:
            return []
        mixed = (
            _W_RELATIVE * f["bm"] / f["bm"].max()
            + _W_SHARE * f["share"]
            + _W_LETTERS * f["cos"]
            + _W_FUZZY * f["fz"]
        ) / (_W_RELATIVE + _W_SHARE + _W_LETTERS + _W_FUZZY)
        # Rounded before ordering, so near-equal scores fall back to corpus order: the first
        # of several copies of a review comes first, and equal inputs give equal orders.
        score = np.round(np.clip(mixed * self._damp[idx], 0.0, 1.0), 4)
        rank = score
        said = when or posted_on(text)
        if said is not None:
            # A check of unknown date (NaN days) gains nothing.
            days = np.abs(self._days[idx] - said.toordinal())
            near = np.nan_to_num(np.exp(-days / _DATE_DAYS))
            rank = np.round(score + _W_DATE * near, 4)
        order = np.lexsort((idx, -rank))[:top]
        return [Match(self._ids[idx[j]], float(score[j])) for j in order]
