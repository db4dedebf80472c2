#!/usr/bin/env bash
# The whole suite, in the order a failure is cheapest to find: a browser for the journeys (installed
# here when missing and we may, otherwise we stop before anything slow), types, lint, unit and
# procedure tests, a production build, then the browser journeys on a fresh database. All of that
# on SQLite; then, when TEST_DATABASE_URL points to a PostgreSQL (.ci/run starts a throwaway one),
# the procedure tests and the journeys again on PostgreSQL, with the same build.
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
step "unit and procedure tests (SQLite)"
npx vitest run
step "production build"
npx next build
step "end-to-end tests (Chromium, SQLite)"
npx playwright test

if [ -z "${TEST_DATABASE_URL:-}" ]; then
  step "PostgreSQL: skipped (set TEST_DATABASE_URL, or run .ci/run, to test on PostgreSQL too)"
  exit 0
fi
step "unit and procedure tests (PostgreSQL)"
# The tables' dialect follows DATABASE_URL (db/engine-kind.ts); each test file still makes a
# database of its own through TEST_DATABASE_URL (db/factories/test-db.ts).
DATABASE_URL="$TEST_DATABASE_URL" REHABIT_TEST_ENGINE=pg npx vitest run
# A database of its own, created empty for the run (playwright.config.ts), and a data directory of
# its own, so its traces sit beside the SQLite run's.
step "end-to-end tests (Chromium, PostgreSQL)"
E2E_DATABASE_URL="$TEST_DATABASE_URL" E2E_DATA_DIR=data/e2e-pg npx playwright test
