"""The local single-node Kafka + Elasticsearch stack."""
