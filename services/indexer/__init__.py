"""The indexer stage."""
