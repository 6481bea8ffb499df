"""Pinned versions of the local stack (the newest Maven Central serves that run here).

Kafka 4.4.0 is listed in Maven Central's metadata but some of its modules (kafka-tools-api) are
not served, so 4.3.1 is the newest complete 4.x. The Elasticsearch ``integ-test-zip``
distribution is published without checksum files; its SHA-256 is pinned here and checked before
the zip is unpacked.
"""

from __future__ import annotations

from pathlib import Path

KAFKA_VERSION = "4.3.1"
KAFKA_SCALA = "2.13"
ES_VERSION = "9.2.0"
ES_ZIP_SHA256 = "bf44938a0490ba2a303d39c9cb64b38963dd08c812ce93e10816e878585bcb6b"
ES_GROUP = "org.elasticsearch.distribution.integ-test-zip"
ES_ARTIFACT = "elasticsearch"

MIN_JAVA_ES = 21  # Elasticsearch 9 needs Java >= 21
MIN_JAVA_KAFKA = 17
MAVEN_DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1"

DEPLOY_LOCAL = Path(__file__).resolve().parents[2] / "deploy" / "local"
KAFKA_POM = DEPLOY_LOCAL / "kafka" / "pom.xml"
ES_POM = DEPLOY_LOCAL / "elasticsearch" / "pom.xml"
