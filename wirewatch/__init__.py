"""Wirewatch: event-driven news monitoring for the AI industry."""

__version__ = "0.1.0"
