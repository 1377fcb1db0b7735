#!/usr/bin/env bash
# Builds the React UI into Pricing.Gateway/wwwroot when it is missing or older than its sources (npm ci on first use).
set -euo pipefail
cd "$(dirname "$0")/../frontend"
index=../Pricing.Gateway/wwwroot/index.html
if [ -f "$index" ] && [ -z "$(find src e2e index.html package.json package-lock.json vite.config.ts -newer "$index" -print -quit)" ]; then
  exit 0
fi
command -v npm >/dev/null || { echo "npm (Node 20) is needed to build the UI: install Node.js 20" >&2; exit 1; }
[ -d node_modules ] || npm ci --no-audit --no-fund
npm run build
