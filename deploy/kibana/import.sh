#!/usr/bin/env bash
# Imports the Wirewatch saved objects (data view, saved searches, Lens visualisations, dashboard)
# into Kibana, overwriting older versions. Idempotent; run by the compose `kibana-setup` job.
#
#   KIBANA_URL=http://localhost:5601 deploy/kibana/import.sh
#
# Environment:
#   KIBANA_URL              Kibana base URL (default http://localhost:5601)
#   WIREWATCH_INDEX_ALIAS   alias the data view points at (default wirewatch-articles)
#   KIBANA_USERNAME/KIBANA_PASSWORD  basic auth, when security is on
#   KIBANA_WAIT_SECONDS     how long to wait for Kibana to be available (default 300)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
url="${KIBANA_URL:-${WIREWATCH_KIBANA_URL:-http://localhost:5601}}"
url="${url%/}"
alias="${WIREWATCH_INDEX_ALIAS:-wirewatch-articles}"
wait_seconds="${KIBANA_WAIT_SECONDS:-300}"
auth=()
if [[ -n "${KIBANA_USERNAME:-}" ]]; then
  auth=(-u "${KIBANA_USERNAME}:${KIBANA_PASSWORD:-}")
fi

echo "waiting for Kibana at ${url} (up to ${wait_seconds}s)"
deadline=$(( $(date +%s) + wait_seconds ))
until curl -fsS "${auth[@]}" "${url}/api/status" 2>/dev/null | grep -q '"level":"available"'; do
  if (( $(date +%s) >= deadline )); then
    echo "Kibana not available after ${wait_seconds}s" >&2
    exit 1
  fi
  sleep 5
done

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
objects="${tmp}/wirewatch.ndjson"
# The data view's title is the alias: substitute the configured one.
sed "s/\"title\": \"wirewatch-articles\"/\"title\": \"${alias}\"/" "${here}/wirewatch.ndjson" > "${objects}"

echo "importing $(wc -l < "${objects}") saved objects (data view on ${alias})"
response="$(curl -sS "${auth[@]}" -X POST "${url}/api/saved_objects/_import?overwrite=true" \
  -H 'kbn-xsrf: true' --form "file=@${objects}")"
echo "${response}"
if ! grep -q '"success":true' <<<"${response}"; then
  echo "import failed" >&2
  exit 1
fi
echo "done: open ${url}/app/dashboards#/view/wirewatch-dashboard"
