#!/usr/bin/env bash
# The worker in local workerd, wired to the fake trackers: for demos and the
# extension's end-to-end tests. Needs `make setup-worker worker-build
# worker/build/faketracker` (or just use `make serve-with-fakes`).
#
#   scripts/serve-with-fakes.sh PORT
#
# Prints "READY worker=http://127.0.0.1:PORT fakes=http://127.0.0.1:FPORT" once
# both answer, then runs until interrupted; on exit it stops both. Environment:
#   ALLOWED_ORIGINS  extension origins to allow (e.g. chrome-extension://<id>)
#   FAKE_ALIASES     NEW=KNOWN,... extra numbers for the fakes (see faketracker)
#   SEVENTEEN_TOKEN  token the fake expects and the worker sends (default: a fixed test token)
#   CACHE_TTL, RATE_LIMIT, RATE_WINDOW, UPSTREAM_TIMEOUT_MS  passed to the worker
set -euo pipefail
port=${1:?usage: serve-with-fakes.sh PORT}
here=$(cd "$(dirname "$0")/.." && pwd)
root=$(cd "$here/.." && pwd)
export SHARED=${SHARED:-$(cd "$root/../shared" && pwd)}
export SEVENTEEN_TOKEN=${SEVENTEEN_TOKEN:-waybill-fake-17token}
fake_bin="$here/build/faketracker"
[[ -x $fake_bin ]] || { echo "serve-with-fakes: run 'make worker/build/faketracker' (or make serve-with-fakes)" >&2; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/waybill-fakes.XXXXXX")
pids=()
cleanup() {
  trap '' INT TERM # a second signal must not cut the cleanup short
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"$fake_bin" -addr 127.0.0.1:0 -portfile "$tmp/port" -shared "$SHARED" -alias "${FAKE_ALIASES:-}" &
pids+=($!)
for _ in $(seq 100); do [[ -s $tmp/port ]] && break; sleep 0.1; done
[[ -s $tmp/port ]] || { echo "serve-with-fakes: the fake trackers did not start" >&2; exit 1; }
fport=$(cat "$tmp/port")
export CAINIAO_URL="http://127.0.0.1:$fport/global/detail.json"
export SEVENTEEN_URL="http://127.0.0.1:$fport/track/v2.2"

"$here/scripts/wrangler-dev.sh" "$port" &
pids+=($!)
for _ in $(seq 600); do
  if curl -fsS -m 2 "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then
    echo "READY worker=http://127.0.0.1:$port fakes=http://127.0.0.1:$fport"
    wait -n "${pids[@]}"
    exit $?
  fi
  kill -0 "${pids[1]}" 2>/dev/null || { echo "serve-with-fakes: wrangler exited" >&2; exit 1; }
  sleep 0.2
done
echo "serve-with-fakes: the worker did not become ready" >&2
exit 1
