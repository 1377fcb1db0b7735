#!/usr/bin/env bash
# Starts the whole pricing grid with demo data on http://localhost:8000: the gateway (GraphQL, REST, UI) hosting
# the silo in the same process, SQLite under data/, localhost clustering. The first start seeds a demo catalog
# and runs the pipeline once. Extra arguments are configuration, e.g. ./scripts/start.sh --urls=http://0.0.0.0:8000
set -euo pipefail
cd "$(dirname "$0")/.."
exec dotnet run --project Pricing.Gateway -c Release -- "$@"
