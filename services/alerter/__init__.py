"""The alerter stage."""
