"""Find names of entities and phrases of attributes in a tokenized text."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from verifier.core.text import Token, folded_words, tokenize

# Names this short must match exactly: a typo of "Mali" is "Bali".
MIN_FUZZY_CHARS = 6
EDGE_WORD_RATIO = 75
# A one-word name this short, written in capitals, matches only when written in capitals.
ACRONYM_CHARS = 5
# A word in more names than this ("council") does not by itself make a name worth comparing.
COMMON_WORD_NAMES = 64


@dataclass(frozen=True, slots=True)
class Mention:
    """A stretch of the text, tokens FIRST to LAST - 1, that names KEY with SCORE in 0..1."""

    key: str
    first: int
    last: int
    start: int
    end: int
    score: float
    size: int
    tokens: tuple[int, ...] = ()  # for a phrase: the tokens that matched its words

    def overlaps(self, other: Mention) -> bool:
        """Return whether the two mentions share a token."""
        return self.first < other.last and other.first < self.last


def best_disjoint(mentions: Iterable[Mention]) -> list[Mention]:
    """Keep the strongest mentions that do not overlap, preferring longer names.

    Mentions of the very same words stay together: a name two entities share is
    ambiguous, and the caller decides what that means.
    """
    kept: list[Mention] = []
    for mention in sorted(mentions, key=lambda m: (-m.size * m.score**4, -m.score, m.first)):
        clashes = [k for k in kept if mention.overlaps(k)]
        if all(
            k.first == mention.first
            and k.last == mention.last
            and k.score == mention.score
            and k.key != mention.key
            for k in clashes
        ):
            kept.append(mention)
    return sorted(kept, key=lambda m: m.first)


@dataclass(frozen=True, slots=True)
class _Name:
    key: str
    words: tuple[str, ...]
    joined: str
    # The words long enough to find the name by, and how many of them a text must hold
    # before the name is compared: set once, since every claim asks.
    significant: frozenset[str] = field(init=False)
    needed: int = field(init=False)

    def __post_init__(self) -> None:
        significant = frozenset(w for w in self.words if len(w) >= 3)
        object.__setattr__(self, "significant", significant)
        object.__setattr__(self, "needed", max(1, len(significant) - 1))


class NameMatcher:
    """Find entity names and aliases in a text, tolerating typos in longer names."""

    def __init__(self, names: Iterable[tuple[str, str]], *, threshold: float = 88.0) -> None:
        """Index (key, name) pairs; THRESHOLD is the least rapidfuzz ratio a fuzzy match needs."""
        self.threshold = threshold
        self._exact: dict[tuple[str, ...], set[str]] = defaultdict(set)
        self._postings: dict[str, list[_Name]] = defaultdict(list)
        self._vocabulary: dict[int, list[str]] = defaultdict(list)
        self._acronyms: set[tuple[str, ...]] = set()
        self.longest = 1
        for key, name in names:
            self.add(key, name)

    def add(self, key: str, name: str) -> None:
        """Index NAME as a name of KEY."""
        folded = folded_words(name)
        words = tuple(word for word, _ in folded)
        if not words:
            return
        self._exact[words].add(key)
        if len(words) == 1 and len(name) <= ACRONYM_CHARS and folded[0][1]:
            self._acronyms.add(words)
        self.longest = max(self.longest, len(words))
        entry = _Name(key, words, " ".join(words))
        if len(entry.joined) < MIN_FUZZY_CHARS:
            return
        for word in set(words):
            if len(word) < 3:
                continue
            # A code with a digit wrong ("G21", "A320") is another code, not a typo; and
            # leaving codes out keeps the scan short in stores with an id for every entity.
            if word not in self._postings and not any(c.isdigit() for c in word):
                self._vocabulary[len(word)].append(word)
            self._postings[word].append(entry)

    def remove(self, key: str, name: str) -> None:
        """Stop finding NAME as a name of KEY (lists are replaced, never changed in place)."""
        words = tuple(word for word, _ in folded_words(name))
        keys = self._exact.get(words)
        if keys is None:
            return
        keys.discard(key)
        if not keys:
            del self._exact[words]
            self._acronyms.discard(words)
        for word in set(words):
            if word in self._postings:
                self._postings[word] = [
                    e for e in self._postings[word] if (e.key, e.words) != (key, words)
                ]

    def heads(self) -> dict[str, set[str]]:
        """Return, for the last word of each name of two words or more, the keys it ends."""
        found: dict[str, set[str]] = defaultdict(set)
        for words, keys in self._exact.items():
            if len(words) >= 2:
                found[words[-1]].update(keys)
        return found

    def find(self, tokens: Sequence[Token]) -> list[Mention]:
        """Return every name found in TOKENS, overlapping ones included."""
        found: list[Mention] = []
        words = [t.norm for t in tokens]
        for first in range(len(words)):
            for size in range(1, min(self.longest, len(words) - first) + 1):
                phrase = tuple(words[first : first + size])
                for key in self._exact.get(phrase, ()):
                    if phrase in self._acronyms and not tokens[first].upper:
                        continue  # "us" is a pronoun, "US" a country
                    found.append(self._mention(key, tokens, first, first + size, 1.0))
        found.extend(self._fuzzy(tokens, words))
        return found

    def _fuzzy(self, tokens: Sequence[Token], words: list[str]) -> list[Mention]:
        """Return names that match a window of the text closely but not exactly."""
        present: set[str] = set()
        for token in tokens:
            if len(token.norm) >= 3:
                present.update(self._near_words(token.norm, guess=token.capital))
        # Only names holding a present word that few names share are compared, and only
        # when all their words but one are (nearly) there: thousands of names share
        # "council", and comparing each against every window would be slow.
        candidates: dict[tuple[str, str], _Name] = {}
        for near in present:
            postings = self._postings[near]
            if len(postings) <= COMMON_WORD_NAMES:
                for entry in postings:
                    candidates[(entry.key, entry.joined)] = entry
        found: list[Mention] = []
        edges: dict[str, set[int]] = {}  # a name's edge word: where the text has it, near
        for entry in candidates.values():
            if sum(1 for w in entry.significant if w in present) < entry.needed:
                continue
            size = len(entry.words)
            # The name's first and last words must both be there, give or take a typo,
            # so "members of the Rail Union ..." is not "Charter of the Rail Union ...".
            starts = _near_positions(words, entry.words[0], edges)
            ends = _near_positions(words, entry.words[-1], edges)
            for first in sorted(starts):
                if first + size > len(words) or first + size - 1 not in ends:
                    continue
                window = words[first : first + size]
                if any(
                    a != b and (a.isdigit() or b.isdigit())
                    for a, b in zip(window, entry.words, strict=True)
                ):
                    continue  # "2019 Rail Expo" is another expo, not a typo
                score = fuzz.ratio(" ".join(window), entry.joined, score_cutoff=self.threshold)
                if score and score < 100:
                    found.append(self._mention(entry.key, tokens, first, first + size, score / 100))
        return found

    def _near_words(self, word: str, *, guess: bool) -> list[str]:
        """Return indexed words equal to WORD or, when GUESS, close to it."""
        if word in self._postings:
            return [word]
        if len(word) < 5 or not guess:
            return []
        near: list[str] = []
        for length in range(len(word) - 2, len(word) + 3):
            choices = self._vocabulary.get(length)
            if choices:
                near.extend(
                    m[0]
                    for m in process.extract(
                        word, choices, scorer=fuzz.ratio, score_cutoff=80, limit=5
                    )
                )
        return near

    @staticmethod
    def _mention(key: str, tokens: Sequence[Token], first: int, last: int, score: float) -> Mention:
        """Build a mention of KEY over tokens FIRST..LAST."""
        return Mention(
            key, first, last, tokens[first].start, tokens[last - 1].end, score, last - first
        )


@dataclass(frozen=True, slots=True)
class _Word:
    """A word of a phrase: its stem and its lemmas, either of which a text word may share."""

    stem: str
    lemmas: frozenset[str]

    def matches(self, token: Token) -> bool:
        """Return whether TOKEN says this word: the same stem or a lemma in common."""
        return token.stem == self.stem or bool(token.lemmas & self.lemmas)


class PhraseMatcher:
    """Find attribute phrases by word stems and lemmas, allowing a few words in between."""

    def __init__(self, phrases: Iterable[tuple[str, str]], *, slack: int = 3) -> None:
        """Index (key, phrase) pairs; SLACK is how many extra words a match may span."""
        self.slack = slack
        self._by_first: dict[str, list[tuple[str, tuple[_Word, ...]]]] = defaultdict(list)
        for key, phrase in phrases:
            words = tuple(_Word(t.stem, t.lemmas) for t in tokenize(phrase) if not t.is_stopword)
            if words:
                entry = (key, words)
                for form in {words[0].stem, *words[0].lemmas}:
                    self._by_first[form].append(entry)

    def find(self, tokens: Sequence[Token]) -> list[Mention]:
        """Return every phrase found in TOKENS, scored by how many words it matched."""
        found: dict[tuple[str, int, int], Mention] = {}
        for first, token in enumerate(tokens):
            entries = {
                (key, words)
                for form in {token.stem, *token.lemmas}
                for key, words in self._by_first.get(form, ())
            }
            for key, words in entries:
                matched = self._match_rest(tokens, first, words)
                if matched is not None:
                    last = matched[-1] + 1
                    mention = Mention(
                        key,
                        first,
                        last,
                        token.start,
                        tokens[last - 1].end,
                        1.0,
                        len(words),
                        matched,
                    )
                    found.setdefault((key, first, last), mention)
        return list(found.values())

    def _match_rest(
        self, tokens: Sequence[Token], first: int, words: tuple[_Word, ...]
    ) -> tuple[int, ...] | None:
        """Return the tokens that match WORDS starting at FIRST, or None."""
        matched = [first]
        position = first + 1
        limit = min(first + len(words) + self.slack, len(tokens))
        for wanted in words[1:]:
            while position < limit and not wanted.matches(tokens[position]):
                position += 1
            if position >= limit:
                return None
            matched.append(position)
            position += 1
        return tuple(matched)


def _near_positions(words: list[str], edge: str, known: dict[str, set[int]]) -> set[int]:
    """Return where WORDS hold EDGE or a near spelling of it, remembered in KNOWN."""
    if edge not in known:
        scores = process.extract(
            edge, words, scorer=fuzz.ratio, score_cutoff=EDGE_WORD_RATIO, limit=None
        )
        known[edge] = {position for _, _, position in scores}
    return known[edge]
