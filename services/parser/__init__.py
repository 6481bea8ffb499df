"""The parser stage."""
