#!/usr/bin/env bash
# Starts the pricing grid with demo data: one process, SQLite under data/, localhost clustering.
# Extra arguments are configuration, e.g. ./scripts/start.sh --Pricing:SeedDemoData=false
set -euo pipefail
cd "$(dirname "$0")/.."
exec dotnet run --project Pricing.Silo -c Release -- run "$@"
