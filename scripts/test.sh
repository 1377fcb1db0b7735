#!/usr/bin/env bash
# Runs every test of the pricing grid: .NET tests against SQLite and a throwaway MariaDB, the UI's component
# tests (vitest), and the UI end to end in a headless Chromium against the platform started by scripts/start.sh.
# Prints "N passed, N failed" as its last line. Installs MariaDB and Chromium with apt-get when missing.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
source scripts/mariadb.sh

results=$(mktemp -d /tmp/pricing-test-results.XXXXXX)
status=0
platform=
cleanup() { [ -n "$platform" ] && kill -- -"$platform" 2>/dev/null; mariadb_stop; }
trap cleanup EXIT

echo "== starting a throwaway MariaDB"
mariadb_start || { echo "0 passed, 1 failed"; exit 1; }
export PRICING_TEST_MYSQL="$MARIADB_ROOT_CS"
echo "   MariaDB $(mariadb_sql -N -e 'SELECT VERSION()') on 127.0.0.1:$MARIADB_PORT"

echo "== UI build (npm ci, vite)"
scripts/build-ui.sh || status=1

echo "== dotnet build"
dotnet build "$root/Pricing.sln" -v quiet -nologo || status=1
for project in "$root"/tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  echo "== $name (SQLite and MariaDB)"
  dotnet test "$project" --no-build --logger "trx;LogFileName=$name.trx" --results-directory "$results" || status=1
done

echo "== UI component tests (vitest)"
(cd frontend && npx vitest run --reporter=default --reporter=junit --outputFile.junit="$results/vitest.xml") || status=1

echo "== UI end to end (headless Chromium against scripts/start.sh)"
if ! command -v chromium >/dev/null 2>&1 || ! command -v curl >/dev/null 2>&1; then
  echo "Chromium or curl not found: installing them (apt-get)"
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium curl >/dev/null
fi
ui_data=$(mktemp -d /tmp/pricing-ui-e2e.XXXXXX)
ui_port=$(free_port)
setsid scripts/start.sh --urls=http://127.0.0.1:$ui_port "--ConnectionStrings:Source=Data Source=$ui_data/source.db" \
  "--ConnectionStrings:Analytics=Data Source=$ui_data/analytics.db" --Orleans:SiloPort=$(free_port) --Orleans:GatewayPort=$(free_port) \
  --Pricing:Rules:Groups:TOOL02:LowMarginPct=12 \
  >"$ui_data/platform.log" 2>&1 &
platform=$!
# The first start writes the admin's and the demo users' passwords there; sign in once as admin (a session cookie)
# to wait for the first run, as a script would.
passwords="$ui_data/initial-passwords.txt"
cookies="$ui_data/cookies.txt"
signed_in=false
for _ in $(seq 1 600); do
  if ! $signed_in && [ -s "$passwords" ]; then
    admin_password=$(awk -F'\t' '$1 == "admin" { print $3 }' "$passwords")
    curl -sf -c "$cookies" -H 'content-type: application/json' -d "{\"name\":\"admin\",\"password\":\"$admin_password\"}" \
      "http://127.0.0.1:$ui_port/api/auth/sign-in" >/dev/null 2>&1 && signed_in=true
  fi
  $signed_in && curl -sf -b "$cookies" "http://127.0.0.1:$ui_port/api/jobs/latest/" 2>/dev/null | grep -q '"status":"SUCCEEDED"' && break
  sleep 0.5
done
(cd frontend && BASE_URL=http://127.0.0.1:$ui_port E2E_PASSWORDS="$passwords" E2E_OUTPUT="$root/test-output/ui" \
  E2E_LOW_MARGIN_OVERRIDE=TOOL02:12 node e2e/run.mjs) | tee "$results/e2e.log" \
  || tail -30 "$ui_data/platform.log"
kill -- -"$platform" 2>/dev/null; platform=
rm -rf "$ui_data"

passed=0; failed=0
if [ -f "$results/vitest.xml" ]; then
  suite=$(grep -o '<testsuites [^>]*>' "$results/vitest.xml" | head -1)
  t=$(sed -n 's/.* tests="\([0-9]*\)".*/\1/p' <<<"$suite"); f=$(sed -n 's/.* failures="\([0-9]*\)".*/\1/p' <<<"$suite")
  passed=$((passed + ${t:-0} - ${f:-0})); failed=$((failed + ${f:-0}))
fi
e2e=$(grep -o 'e2e: [0-9]* passed, [0-9]* failed' "$results/e2e.log" 2>/dev/null)
if [ -n "$e2e" ]; then
  passed=$((passed + $(awk '{print $2}' <<<"$e2e"))); failed=$((failed + $(awk '{print $4}' <<<"$e2e")))
else
  echo "the UI end-to-end run did not report (see above)"; failed=$((failed + 1))
fi
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
# A build or runner failure that produced no failing test still fails the run.
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
rm -rf "$results"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
