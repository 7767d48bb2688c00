"""An index over one version of the store: names, phrases, and facts by entity and attribute."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from verifier.core.facts import Period, TypedValue, effective_periods, read_value
from verifier.core.mentions import NameMatcher, PhraseMatcher
from verifier.core.model import (
    AttributeRecord,
    Catalog,
    EntityRecord,
    FactRecord,
    SourceRecord,
    ValueKind,
)
from verifier.core.text import Token, fold_text, tokenize


@dataclass(frozen=True, slots=True)
class IndexedFact:
    """A fact with its value typed, its period resolved and its source at hand."""

    record: FactRecord
    value: TypedValue
    period: Period
    source: SourceRecord
    quoted_from: SourceRecord | None


GroupKey = tuple[str, str]  # (entity id, attribute id)


@dataclass(frozen=True, slots=True)
class Changes:
    """Records written since an index was built: each as it was, and as it is now."""

    facts_before: Sequence[FactRecord] = ()
    facts_after: Sequence[FactRecord] = ()
    entities_before: Sequence[EntityRecord] = ()
    entities_after: Sequence[EntityRecord] = ()


class Index:
    """Everything the engine looks up while reading claims, built once per store version."""

    def __init__(self, catalog: Catalog) -> None:
        """Index CATALOG; facts whose values do not parse are left out (the loader rejects them)."""
        self.version = catalog.version
        self.vocabulary = catalog.vocabulary
        self.entities: dict[str, EntityRecord] = {e.id: e for e in catalog.entities}
        self.attributes: dict[str, AttributeRecord] = {a.id: a for a in catalog.attributes}
        self.sources: dict[str, SourceRecord] = {s.id: s for s in catalog.sources}
        self.names = NameMatcher((e.id, n) for e in catalog.entities for n in e.names)
        self.phrases = PhraseMatcher(
            (a.id, p) for a in catalog.attributes for p in (*a.phrases, a.name)
        )
        # Phrases that end in "to" ("established to"): the "to" after them starts the
        # attribute's value, not a purpose.
        self.to_phrases = frozenset(
            fold_text(p[: -len(" to")])
            for a in catalog.attributes
            for p in a.phrases
            if p.casefold().endswith(" to")
        )
        # The word stems that name each attribute or its unit: what a counted noun may be.
        self.word_stems: dict[str, frozenset[str]] = {
            a.id: frozenset(
                t.stem for text in (*a.phrases, a.name, a.unit or "") for t in tokenize(text)
            )
            for a in catalog.attributes
        }
        self.groups: dict[GroupKey, list[IndexedFact]] = defaultdict(list)
        self.by_entity: dict[str, list[IndexedFact]] = defaultdict(list)
        self.by_attribute: dict[str, list[IndexedFact]] = defaultdict(list)
        self._evidence: dict[str, frozenset[str]] = {}
        self._sentences: dict[str, tuple[tuple[Token, ...], ...]] = {}
        # The last word of each name of two words or more: "the union" may mean one.
        self.heads: dict[str, set[str]] = self.names.heads()
        self.size = 0
        indexed = self._indexed(catalog.facts)
        groups, by_entity, by_attribute = self.groups, self.by_entity, self.by_attribute
        for fact in indexed:  # a million times: names looked up once each
            record = fact.record
            groups[(record.entity, record.attribute)].append(fact)
            by_entity[record.entity].append(fact)
            by_attribute[record.attribute].append(fact)
        self.size = len(indexed)
        self.containers = self._containers()

    def _indexed(self, facts: Sequence[FactRecord]) -> list[IndexedFact]:
        """Type FACTS and give each its period within its entity, attribute and object."""
        raw: dict[tuple[str, str, str | None], list[FactRecord]] = defaultdict(list)
        for fact in facts:
            raw[(fact.entity, fact.attribute, fact.object)].append(fact)
        found: list[IndexedFact] = []
        for (entity, attribute_id, _), same in raw.items():
            attribute = self.attributes.get(attribute_id)
            if attribute is None or entity not in self.entities:
                continue
            try:
                periods = effective_periods(same)
            except ValueError:
                continue
            for fact in same:
                indexed = self._index_fact(fact, attribute, periods[fact.id])
                if indexed is not None:
                    found.append(indexed)
        return found

    def apply(self, changes: Changes, version: str) -> None:
        """Follow writes of entities and facts, as CHANGES gives them, up to VERSION.

        Only the names and the groups of facts written are indexed again, so a worker
        follows a write in milliseconds however large the store. Each list is replaced
        whole, never changed in place, so a check running beside it reads the old or the new.
        """
        if changes.entities_before or changes.entities_after:
            self._apply_entities(changes.entities_before, changes.entities_after)
        self._apply_facts(changes.facts_before, changes.facts_after)
        self.version = version

    def _apply_entities(self, old: Sequence[EntityRecord], new: Sequence[EntityRecord]) -> None:
        """Drop the names of entities as they were (OLD) and index them as they are (NEW)."""
        for entity in old:
            for name in entity.names:
                self.names.remove(entity.id, name)
            self.entities.pop(entity.id, None)
        for entity in new:
            self.entities[entity.id] = entity
            for name in entity.names:
                self.names.add(entity.id, name)
        self.heads = self.names.heads()
        self._evidence.clear()  # a fact's own words hold the names of what it names

    def _apply_facts(self, old: Sequence[FactRecord], new: Sequence[FactRecord]) -> None:
        """Drop facts as they were (OLD) and index them as they are (NEW), group by group."""
        dropped = {fact.id for fact in old}
        keys = {(f.entity, f.attribute) for f in (*old, *new)}
        for key in keys:
            kept = [f.record for f in self.groups.get(key, ()) if f.record.id not in dropped]
            added = [f for f in new if (f.entity, f.attribute) == key]
            group = self._indexed([*kept, *added])
            ids = {f.record.id for f in self.groups.get(key, ())} | {f.record.id for f in group}
            self.size += len(group) - len(self.groups.get(key, ()))
            if group:
                self.groups[key] = group
            else:
                self.groups.pop(key, None)
            entity, attribute = key
            self.by_entity[entity] = [
                *(f for f in self.by_entity.get(entity, ()) if f.record.id not in ids),
                *group,
            ]
            self.by_attribute[attribute] = [
                *(f for f in self.by_attribute.get(attribute, ()) if f.record.id not in ids),
                *group,
            ]
            for fact_id in ids:
                self._evidence.pop(fact_id, None)
                self._sentences.pop(fact_id, None)
        if any(attribute in self.vocabulary.containment for _, attribute in keys):
            self.containers = self._containers()

    def _index_fact(
        self, fact: FactRecord, attribute: AttributeRecord, period: Period
    ) -> IndexedFact | None:
        """Type one fact's value, or return None when it cannot be read."""
        source = self.sources.get(fact.source)
        if source is None:
            return None
        try:
            value = read_value(attribute, fact.value, fact.qualifier)
        except ValueError:
            return None
        quoted = self.sources.get(fact.quoted_from) if fact.quoted_from else None
        return IndexedFact(fact, value, period, source, quoted)

    def _containers(self) -> dict[str, set[str]]:
        """Return, for each place, every place that contains it, following containment facts."""
        direct: dict[str, set[str]] = defaultdict(set)
        for (entity, attribute_id), facts in self.groups.items():
            if attribute_id in self.vocabulary.containment:
                for fact in facts:
                    if isinstance(fact.value, str):
                        direct[entity].add(fact.value)
        closure: dict[str, set[str]] = {}
        for start in direct:
            seen: set[str] = set()
            frontier = list(direct[start])
            while frontier:
                place = frontier.pop()
                if place not in seen:
                    seen.add(place)
                    frontier.extend(direct.get(place, ()))
            closure[start] = seen
        return closure

    def facts(self, entity: str, attribute: str) -> Sequence[IndexedFact]:
        """Return the facts about ENTITY's ATTRIBUTE, from every source."""
        return self.groups.get((entity, attribute), ())

    def attributes_of(self, entity: str) -> list[str]:
        """Return the ids of the attributes ENTITY has facts for, in order."""
        return sorted({f.record.attribute for f in self.by_entity.get(entity, ())})

    def evidence(self, fact: IndexedFact) -> frozenset[str]:
        """Return the word forms of the fact's own words: statement, quote, value and names.

        A claim's word that the store's own words also use is accounted for by the fact.
        Built the first time a fact is cited, so indexing a large store stays fast.
        """
        found = self._evidence.get(fact.record.id)
        if found is None:
            record = fact.record
            texts = [record.statement, record.quote or ""]
            items = fact.value if isinstance(fact.value, tuple) else (fact.value,)
            for item in (*items, record.entity, record.object):
                if isinstance(item, str):
                    entity = self.entities.get(item)
                    texts.extend(entity.names if entity else (item,))
            found = word_forms(tokenize(" ".join(texts)))
            self._evidence[record.id] = found
        return found

    def sentences(self, fact: IndexedFact) -> tuple[tuple[Token, ...], ...]:
        """Return the fact's own words in order (statement, quote, text value), stopwords out.

        A word that ranks ("the first woman") must stand where the source puts it, not
        merely somewhere in its words ("the first African woman").
        """
        found = self._sentences.get(fact.record.id)
        if found is None:
            record = fact.record
            texts = [record.statement, record.quote or ""]
            if isinstance(fact.value, str):
                texts.append(fact.value)
            found = tuple(
                tuple(t for t in tokenize(text) if not t.is_stopword) for text in texts if text
            )
            self._sentences[record.id] = found
        return found

    def is_entity_valued(self, attribute: str) -> bool:
        """Return whether ATTRIBUTE's values are entities (places, list items)."""
        record = self.attributes.get(attribute)
        return record is not None and record.kind in (ValueKind.PLACE, ValueKind.LIST)


def word_forms(tokens: Sequence[Token]) -> frozenset[str]:
    """Return every form of TOKENS a claim's word may share with them: words, stems, lemmas."""
    forms: set[str] = set()
    for token in tokens:
        forms.add(token.norm)
        forms.add(token.stem)
        forms.update(token.lemmas)
    return frozenset(forms)
