#!/usr/bin/env bash
# Runs every test of the pricing grid against SQLite and a throwaway MariaDB, and prints
# "N passed, N failed" as its last line. Installs MariaDB with apt-get when it is missing.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
source scripts/mariadb.sh

results=$(mktemp -d /tmp/pricing-test-results.XXXXXX)
cleanup() { mariadb_stop; }
trap cleanup EXIT

echo "== starting a throwaway MariaDB"
mariadb_start || { echo "0 passed, 1 failed"; exit 1; }
export PRICING_TEST_MYSQL="$MARIADB_ROOT_CS"
echo "   MariaDB $(mariadb_sql -N -e 'SELECT VERSION()') on 127.0.0.1:$MARIADB_PORT"

echo "== dotnet build"
dotnet build "$root/Pricing.sln" -v quiet -nologo
dotnet_status=$?
for project in "$root"/tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  echo "== $name (SQLite and MariaDB)"
  dotnet test "$project" --no-build --logger "trx;LogFileName=$name.trx" --results-directory "$results" || dotnet_status=1
done

passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
# A build or runner failure that produced no failing test still fails the run.
if [ "$dotnet_status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
rm -rf "$results"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
