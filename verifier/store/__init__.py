"""Persist sources, entities, attributes and facts; hand the engine plain records."""
