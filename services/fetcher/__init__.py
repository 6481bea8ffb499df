"""The fetcher stage."""
