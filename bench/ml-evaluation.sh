#!/usr/bin/env bash
# The scoring candidates on the evaluation catalogs (docs/architecture.md, Evaluation catalogs), generated in memory:
# ROC-AUC, precision and recall of ML_OUTLIER alone and with the rules, and scoring rows/s, per catalog and worst case.
#   bench/ml-evaluation.sh [skus per catalog (300)] [days (240)]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build -c Release Pricing.Silo -v quiet -nologo >/dev/null
dotnet Pricing.Silo/bin/Release/net10.0/Pricing.Silo.dll evaluate --catalogs --skus-per-catalog "${1:-300}" --days "${2:-240}"
