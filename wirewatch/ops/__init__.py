"""Operator tools: consumer lag (``wirewatch lag``) and dead letters (``wirewatch dlq``)."""
