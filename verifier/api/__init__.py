"""Blueprints for the newsroom JSON API."""
