#!/usr/bin/env bash
# Cluster mode as local processes, for people without Docker: a throwaway MariaDB holding the source and
# analytics databases (and Orleans' tables), a demo catalog, 3 silos on ports 11111-11113 (Orleans gateways
# 30000-30002) using ADO.NET clustering, storage and reminders, and the HTTP gateway on http://localhost:8000
# as a client of the silos. Ctrl-C stops everything.
#   ./scripts/cluster-local.sh [--silos N] [--skus N] [--days N]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/mariadb.sh

silos=3; skus=1000; days=120
while [ $# -gt 0 ]; do
  case "$1" in
    --silos) silos=$2; shift 2 ;;
    --skus) skus=$2; shift 2 ;;
    --days) days=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 64 ;;
  esac
done

pids=()
stop() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait "${pids[@]}" 2>/dev/null || true; mariadb_stop; }
trap stop EXIT INT TERM

# a local cluster runs the nightly pipeline: give InnoDB room to cache and to log (see docs/PERFORMANCE.md)
export MARIADB_BUFFER_POOL=${MARIADB_BUFFER_POOL:-2G} MARIADB_LOG_FILE_SIZE=${MARIADB_LOG_FILE_SIZE:-1G}
mariadb_start
mariadb_sql -e "CREATE DATABASE pricing_source; CREATE DATABASE pricing_analytics;"
export Pricing__Database=MySql Orleans__Clustering=AdoNet
export ConnectionStrings__Source="${MARIADB_ROOT_CS}Database=pricing_source"
export ConnectionStrings__Analytics="${MARIADB_ROOT_CS}Database=pricing_analytics"
echo "MariaDB on 127.0.0.1:$MARIADB_PORT (source: pricing_source, analytics: pricing_analytics, user root)"

scripts/build-ui.sh
dotnet build -c Release Pricing.Silo -v quiet -nologo
dotnet build -c Release Pricing.ClusterGateway -v quiet -nologo
silo="dotnet Pricing.Silo/bin/Release/net10.0/Pricing.Silo.dll"
$silo migrate
$silo seed --skus "$skus" --days "$days"

logs=$(mktemp -d /tmp/pricing-silos.XXXXXX)
for i in $(seq 0 $((silos - 1))); do
  $silo run --Orleans:SiloPort=$((11111 + i)) --Orleans:GatewayPort=$((30000 + i)) >"$logs/silo$i.log" 2>&1 &
  pids+=($!)
  echo "silo $i: pid $!, silo port $((11111 + i)), gateway $((30000 + i)), log $logs/silo$i.log"
done

dotnet Pricing.ClusterGateway/bin/Release/net10.0/Pricing.ClusterGateway.dll >"$logs/gateway.log" 2>&1 &
pids+=($!)
echo "gateway: pid $!, http://localhost:8000, log $logs/gateway.log"

echo "starting a first full run (Pricing.Silo pipeline --full) ..."
sleep 5
$silo pipeline --full
echo
echo "Cluster is up. In another shell, with the same environment variables:"
echo "  export Pricing__Database=MySql Orleans__Clustering=AdoNet ConnectionStrings__Source='$ConnectionStrings__Source' ConnectionStrings__Analytics='$ConnectionStrings__Analytics'"
echo "  dotnet Pricing.Silo/bin/Release/net10.0/Pricing.Silo.dll seed --next-day && dotnet Pricing.Silo/bin/Release/net10.0/Pricing.Silo.dll pipeline"
echo "Ctrl-C stops the silos and removes the database."
wait
