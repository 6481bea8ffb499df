"""Wirewatch's common code: event contracts, config, Kafka and Elasticsearch helpers, logging, metrics."""
