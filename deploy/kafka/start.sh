#!/bin/bash
# Entrypoint of the compose Kafka: format the storage on the very first start, with the
# wirewatch-admin SCRAM-SHA-512 credential (KRaft needs it in the metadata before the SASL_SSL
# listeners can authenticate anyone), then run the broker in the foreground.
set -euo pipefail
conf=/etc/kafka/wirewatch/server.properties
if [[ ! -f /var/lib/kafka/data/meta.properties ]]; then
  password="$(<"${WIREWATCH_KAFKA_ADMIN_PASSWORD_FILE:?}")"
  /opt/kafka/bin/kafka-storage.sh format --ignore-formatted --cluster-id "${CLUSTER_ID:?}" --config "$conf" \
    --add-scram "SCRAM-SHA-512=[name=wirewatch-admin,password=${password}]" > /dev/null
  unset password
fi
exec /opt/kafka/bin/kafka-server-start.sh "$conf"
