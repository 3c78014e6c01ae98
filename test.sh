#!/usr/bin/env bash
# The whole test suite, on a fresh machine with the .NET 10 SDK and Node.js 20+.
# Installs what it needs itself, runs every test project, and ends with "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")"
results="$(pwd)/TestResults"
rm -rf "$results"

# Azurite (pinned in package.json) for the storage tests: install it on a fresh clone, or again
# when package-lock.json changed since the last install (npm keeps its copy in node_modules).
if [ ! -f node_modules/azurite/dist/src/azurite.js ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund || { echo "npm ci failed: the storage tests need Azurite from node_modules"; echo "0 passed, 1 failed, 0 skipped"; exit 1; }
fi

# Debian's chromium, firefox-esr and WebKitGTK for the workbench browser tests (tests/Lena.Workbench.Tests
# drive chromium with Playwright through its executable path, firefox-esr over WebDriver BiDi with
# puppeteer-core from node_modules, and WebKitGTK — Safari's engine — with its WebKitWebDriver on an
# Xvfb display; no browser is ever downloaded by any of them).
missing=""
[ -x /usr/bin/chromium ] || missing="$missing chromium"
[ -x /usr/bin/firefox-esr ] || missing="$missing firefox-esr"
[ -x /usr/bin/WebKitWebDriver ] || missing="$missing webkit2gtk-driver"
[ -x /usr/bin/Xvfb ] || missing="$missing xvfb"
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y $missing) \
      || echo "test.sh: installing$missing failed; the workbench browser tests will fail"
  else
    echo "test.sh: missing$missing; install Debian's packages (apt-get install -y$missing) for the workbench browser tests"
  fi
fi

dotnet build LenaFunctions.sln -c Release -nologo -v minimal || { echo "0 passed, 1 failed, 0 skipped"; exit 1; }
dotnet test LenaFunctions.sln -c Release --no-build -nologo \
  --logger "trx" --results-directory "$results" -- RunConfiguration.TreatNoTestsAsError=true
status=$?

summary=$(node eng/trx-summary.mjs "$results")
echo "$summary"
exit $status
