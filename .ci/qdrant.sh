# Sourced by .ci/run: finds a Qdrant for the live suite (lib/personalization/qdrant.live.test.ts)
# and sets `qdrant_url` (empty when there is none, after one line saying why). A Qdrant that
# answers at QDRANT_URL is used as is; otherwise an executable at QDRANT_BIN (default: where
# docs/testing.md says a source build leaves it) is STARTED on 127.0.0.1 with throwaway storage, never
# built, and `qdrant_pid` is set so .ci/run stops it on exit. Nothing of Qdrant is in the repo.
qdrant_url=""
qdrant_pid=""
qdrant_bin="${QDRANT_BIN:-/opt/qdrant-src/target/perf/qdrant}"
qdrant_port="${QDRANT_CI_PORT:-4290}"

qdrant_answers() {
  node -e 'fetch(process.argv[1], { headers: process.env.QDRANT_API_KEY ? { "api-key": process.env.QDRANT_API_KEY } : {}, signal: AbortSignal.timeout(3000) })
    .then((r) => r.json()).then((b) => { console.log(`Qdrant ${b.version} answers at ${process.argv[1]}`); process.exit(b.version ? 0 : 1); }, () => process.exit(1))' "$1"
}

if [ -n "${QDRANT_URL:-}" ] && qdrant_answers "${QDRANT_URL%/}/"; then
  qdrant_url="$QDRANT_URL"
elif [ -x "$qdrant_bin" ]; then
  qdrant_storage="$(mktemp -d /tmp/lectern-ci-qdrant.XXXXXX)"
  # Run from its throwaway folder: Qdrant reads ./config and writes beside its working directory.
  (cd "$qdrant_storage" && QDRANT__SERVICE__HOST=127.0.0.1 QDRANT__SERVICE__HTTP_PORT="$qdrant_port" QDRANT__SERVICE__GRPC_PORT="$((qdrant_port + 1))" \
    QDRANT__STORAGE__STORAGE_PATH="$qdrant_storage/storage" QDRANT__STORAGE__SNAPSHOTS_PATH="$qdrant_storage/snapshots" \
    QDRANT__TELEMETRY_DISABLED=true exec "$qdrant_bin") >"${reports:-/tmp}/qdrant.log" 2>&1 &
  qdrant_pid=$!
  for _ in $(seq 1 60); do
    if qdrant_answers "http://127.0.0.1:$qdrant_port/" 2>/dev/null; then qdrant_url="http://127.0.0.1:$qdrant_port"; break; fi
    kill -0 "$qdrant_pid" 2>/dev/null || break
    sleep 1
  done
  [ -n "$qdrant_url" ] || echo "Qdrant live suite NOT RUN: $qdrant_bin did not answer on 127.0.0.1:$qdrant_port within 60 s (log: ${reports:-/tmp}/qdrant.log)"
else
  echo "Qdrant live suite NOT RUN: no Qdrant answers at QDRANT_URL (${QDRANT_URL:-unset}) and no executable at $qdrant_bin (set QDRANT_URL, or QDRANT_BIN to a Qdrant >= 1.16 binary)"
fi
