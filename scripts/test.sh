#!/usr/bin/env bash
# The whole suite, in the order a failure is cheapest to find: a browser for the journeys (installed
# here when missing and we may, otherwise we stop before anything slow), types, lint, unit and
# procedure tests, a production build, then the browser journeys on a fresh database.
set -euo pipefail
cd "$(dirname "$0")/.."
export TZ=UTC

step() { printf '\n== %s\n' "$1"; }

step "browser for the end-to-end tests"
npx tsx scripts/ensure-browser/main.ts
step "typecheck"
npx tsc --noEmit
step "lint"
npx eslint . --max-warnings=0
step "format"
npx prettier --check . > /dev/null || { npx prettier --check .; exit 1; }
step "unit and procedure tests"
npx vitest run
step "production build"
npx next build
step "end-to-end tests (Chromium)"
npx playwright test
