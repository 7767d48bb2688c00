"""Blueprints for the editors' pages."""
