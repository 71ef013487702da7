#!/usr/bin/env bash
# `npm test`: every test — lint (module boundaries), typecheck, unit + integration (vitest), end to end (Playwright
# against a production build in Debian's chromium). Results land in test-results/ for .ci/run.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p test-results
rm -f test-results/*.json

if [ ! -x /usr/bin/chromium ]; then
  echo "Debian chromium is missing: installing it (needs root and the Debian mirror)…"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null || { echo "could not install chromium"; exit 1; }
fi

status=0
echo "== lint (module boundaries included)"
if npx eslint . --max-warnings=0; then echo '{"passed":1,"failed":0}' > test-results/lint.json; else echo '{"passed":0,"failed":1}' > test-results/lint.json; status=1; fi

echo "== typecheck"
if npx tsc --noEmit; then echo '{"passed":1,"failed":0}' > test-results/typecheck.json; else echo '{"passed":0,"failed":1}' > test-results/typecheck.json; status=1; fi

# the build comes first: tests/security walks the production build's routes and serves it
echo "== build"
npm run build >/dev/null || { echo "build failed"; status=1; }

echo "== unit, integration and security (vitest)"
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json || status=1

echo "== end to end (playwright + chromium)"
npx tsx scripts/e2e.ts || status=1

exit $status
