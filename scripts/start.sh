#!/usr/bin/env bash
# Starts the whole pricing grid with demo data on http://localhost:8000: the UI, GraphQL and REST, served by the
# gateway, which hosts the silo in the same process (SQLite under data/, localhost clustering). The first start
# builds the UI, seeds a demo catalog and runs the pipeline once.
# Extra arguments are configuration, e.g. ./scripts/start.sh --urls=http://0.0.0.0:8000
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build-ui.sh
exec dotnet run --project Pricing.Gateway -c Release -- "$@"
