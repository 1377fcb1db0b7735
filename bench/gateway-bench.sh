#!/usr/bin/env bash
# Gateway latency under load: embedded mode (SQLite, silo in the gateway process) on a generated catalog, a full
# pipeline run, then Pricing.LoadGen at a fixed rate against the anomalies page, the incidents page and SKU detail queries.
#   bench/gateway-bench.sh [skus] [days] [rate] [seconds]
# BENCH_DIR=/tmp/x keeps the catalog there and reuses it on the next call (no seed, no full run).
set -euo pipefail
cd "$(dirname "$0")/.."
skus=${1:-10000}; days=${2:-120}; rate=${3:-200}; seconds=${4:-30}
for project in Pricing.Silo Pricing.Gateway bench/Pricing.LoadGen; do dotnet build -c Release "$project" -v quiet -nologo >/dev/null; done
root=$(pwd)
work=${BENCH_DIR:-$(mktemp -d /tmp/pricing-gateway-bench.XXXXXX)}
cd "$work"
config=(--Pricing:SeedDemoData=false)
fresh=true; [ -f data/analytics.db ] && fresh=false
$fresh && dotnet "$root/Pricing.Silo/bin/Release/net10.0/Pricing.Silo.dll" seed --skus "$skus" --days "$days" --end-date 2026-11-25 "${config[@]}"
# the load calls as a pricing manager's token, as scripts do (docs/api.md, Sign-in and roles)
export PRICING_TOKEN=$(dotnet "$root/Pricing.Silo/bin/Release/net10.0/Pricing.Silo.dll" token create --user bench --role PRICING_MANAGER --expires 1d "${config[@]}" | tail -1)
auth=(-H "Authorization: Bearer $PRICING_TOKEN")
dotnet "$root/Pricing.Gateway/bin/Release/net10.0/Pricing.Gateway.dll" "${config[@]}" --urls=http://127.0.0.1:8090 > gateway.log 2>&1 &
gateway=$!
trap 'kill $gateway 2>/dev/null || true; wait 2>/dev/null || true; [ -n "${BENCH_DIR:-}" ] || rm -rf "$work"' EXIT
until curl -sf http://127.0.0.1:8090/health/live >/dev/null; do sleep 1; done
if $fresh; then
  job=$(curl -sf "${auth[@]}" -X POST 'http://127.0.0.1:8090/api/etl/run/?mode=full' | sed -n 's/.*"id":\([0-9]*\).*/\1/p')
  until curl -sf "${auth[@]}" "http://127.0.0.1:8090/api/jobs/$job/" | grep -q '"status":"SUCCEEDED"'; do sleep 5; done
fi
count() { curl -sf "${auth[@]}" "http://127.0.0.1:8090/api/$1" | sed -n 's/^{"count":\([0-9]*\).*/\1/p'; }
echo "catalog: $skus SKUs x $days days; anomalies: $(count 'anomalies/?limit=1'); incidents: $(count 'incidents/?limit=1'), open $(count 'incidents/?status=open&limit=1')"
dotnet "$root/bench/Pricing.LoadGen/bin/Release/net10.0/Pricing.LoadGen.dll" http://127.0.0.1:8090 "$rate" "$seconds"
start=$(date +%s.%N)
curl -sf "${auth[@]}" -o export.xlsx 'http://127.0.0.1:8090/api/anomalies/export.xlsx'
echo "export of every anomaly: $(stat -c %s export.xlsx) bytes in $(echo "$(date +%s.%N) - $start" | bc) s"
echo "gateway peak RSS: $(awk '/VmHWM/ {printf "%d MB", $2/1024}' /proc/$gateway/status)"
