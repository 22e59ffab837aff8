#!/bin/sh
# Makes the compose stack's API keys at its first start; docker compose runs it as the one-shot service "keys", with
# the keys volume as DIR:
#   DIR/api-keys.properties  the app's key file (http.auth.api.keys.file): names, SHA-256 hashes and scopes only
#   DIR/prometheus.token     the key Prometheus sends to scrape /metrics (scope metrics)
#   DIR/admin.token          an admin key for you: docker compose exec app cat /keys/admin.token
# The keys are made by `eventloom token`, so no key is committed anywhere. Once the key file exists nothing is made
# again: the keys last as long as the volume.
set -eu

dir=${1:?usage: make-keys.sh DIR}
# How to run eventloom: the app image's jar, unless a test says otherwise.
eventloom=${EVENTLOOM:-java -jar /app/eventloom.jar}

if [ -s "$dir/api-keys.properties" ]; then
  echo "API keys already made in $dir; nothing to do"
  exit 0
fi

umask 077
lines="$dir/.api-keys.properties.new"
: > "$lines"

# new_key NAME SCOPES FILE: keeps a new key in FILE and its grant line in the key file to be.
new_key() {
  out=$($eventloom token --name "$1" --scopes "$2")
  key=$(printf '%s\n' "$out" | sed -n 's/^ *\(elk_[A-Za-z0-9_-]*\) *$/\1/p')
  line=$(printf '%s\n' "$out" | sed -n "s/^ *\($1 = sha256:[0-9a-f]*\( .*\)\{0,1\}\) *$/\1/p")
  if [ -z "$key" ] || [ -z "$line" ]; then
    echo "eventloom token gave no key and line for $1; it printed:" >&2
    printf '%s\n' "$out" >&2
    exit 1
  fi
  printf '%s' "$key" > "$3"
  printf '%s\n' "$line" >> "$lines"
}

new_key prometheus metrics "$dir/prometheus.token"
new_key admin admin "$dir/admin.token"
# Prometheus runs as nobody; its key lets it read /metrics and nothing else.
chmod 644 "$dir/prometheus.token"
# Last, so that a run cut short leaves no key file and the next start makes all the keys afresh.
mv "$lines" "$dir/api-keys.properties"
echo "API keys made in $dir: prometheus (metrics), admin (admin)"
