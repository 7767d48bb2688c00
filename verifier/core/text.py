"""Tokens with character offsets, folded for matching: case, accents, possessives, stems, lemmas."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer  # type: ignore[import-untyped]
from anyascii import anyascii
from lemminflect import getAllLemmas, getInflection

_WORD = re.compile(r"[^\W_]+")
_APOSTROPHES = "'’\u02bc"  # straight, typographic, modifier letter
_STEMMER = snowballstemmer.stemmer("english")

# Words that carry no meaning for matching a phrase or a name.
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "by",
        "and",
        "or",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "its",
        "it",
        "this",
        "that",
        "these",
        "those",
        "their",
        "there",
        "with",
        "as",
        "from",
        "into",
        "than",
    ]
)


def word_set(text: str) -> frozenset[str]:
    """Return the words of a list written one after another, separated by white space."""
    return frozenset(text.split())


@dataclass(frozen=True, slots=True)
class Token:
    """One word of a text: its folded form, its stem, its lemmas, and where it stands."""

    norm: str
    stem: str
    start: int
    end: int
    upper: bool = False
    capital: bool = False
    lemmas: frozenset[str] = frozenset()

    @property
    def is_stopword(self) -> bool:
        """Return whether the word carries no meaning for matching."""
        return self.norm in STOPWORDS


@lru_cache(maxsize=65536)
@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Return WORD lower-cased in plain Latin letters ("Gdańsk" -> "gdansk", "złoty" -> "zloty").

    Letters that carry no accent to strip ("ł", "ß") are transliterated by anyascii;
    words in other scripts are left as they are, since a transliteration would match
    them to unrelated Latin words.
    """
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    if stripped.isascii() or not all(_latin(c) for c in stripped):
        return stripped
    return anyascii(stripped).lower()


def _latin(char: str) -> bool:
    """Return whether CHAR is ASCII or a letter of the Latin script."""
    return char.isascii() or "LATIN" in unicodedata.name(char, "")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Return the English stem of a folded WORD ("joined" -> "join")."""
    return str(_STEMMER.stemWord(word))


@lru_cache(maxsize=65536)
def lemmas(word: str) -> frozenset[str]:
    """Return a folded WORD with every lemma English gives it ("took" -> took, take)."""
    found = {word}
    for forms in getAllLemmas(word).values():
        found.update(fold(form) for form in forms)
    return frozenset(found)


@lru_cache(maxsize=65536)
def is_english(word: str) -> bool:
    """Return whether a folded WORD is in the English lexicon (so not only a name)."""
    return bool(getAllLemmas(word))


@lru_cache(maxsize=65536)
def word_classes(word: str) -> frozenset[str]:
    """Return the word classes English gives WORD ("NOUN", "VERB", "AUX", "ADJ", ...)."""
    return frozenset(getAllLemmas(word))


@lru_cache(maxsize=65536)
def is_past_form(word: str) -> bool:
    """Return whether WORD is a verb's simple past ("took", "lifted"), unlike its base."""
    for lemma in getAllLemmas(word).get("VERB", ()):
        if lemma != word and word in getInflection(lemma, "VBD"):
            return True
    return False


@lru_cache(maxsize=65536)
def is_past_participle(word: str) -> bool:
    """Return whether WORD is a verb's past participle ("founded", "taken")."""
    return any(word in getInflection(lemma, "VBN") for lemma in getAllLemmas(word).get("VERB", ()))


@lru_cache(maxsize=65536)
def is_base_verb(word: str) -> bool:
    """Return whether WORD is a verb's base form ("elevate", not "elevated")."""
    forms = getAllLemmas(word).get("VERB", ())
    return bool(forms) and forms[0] == word


def _words(text: str) -> Iterator[re.Match[str]]:
    """Yield TEXT's words, dropping possessive "'s"."""
    for match in _WORD.finditer(text):
        start = match.start()
        if match.group() in ("s", "S") and start > 0 and text[start - 1] in _APOSTROPHES:
            continue
        yield match


def tokenize(text: str) -> list[Token]:
    """Split TEXT into words with offsets into TEXT, dropping possessive "'s"."""
    tokens: list[Token] = []
    for match in _words(text):
        start, end = match.span()
        word = match.group()
        norm = fold(word)
        tokens.append(
            Token(norm, stem(norm), start, end, word.isupper(), word[0].isupper(), lemmas(norm))
        )
    return tokens


def folded_words(text: str) -> list[tuple[str, bool]]:
    """Return TEXT's words folded, each with whether it is written in capitals.

    The words of tokenize without stems and lemmas: what indexing a million names needs.
    """
    return [(fold(m.group()), m.group().isupper()) for m in _words(text)]


def fold_text(text: str) -> str:
    """Return TEXT's words folded and joined by single spaces."""
    return " ".join(word for word, _ in folded_words(text))
