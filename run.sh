#!/usr/bin/env bash
# Runs LenaFunctions locally: Azurite (pinned npm dev dependency) + the function app on :7071.
# Needs only the .NET 10 SDK and Node.js 20+. Stop with Ctrl+C; Azurite stops with it.
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
port="${LENA_PORT:-7071}"

command -v dotnet >/dev/null || { echo "run.sh: the .NET 10 SDK (dotnet) is required" >&2; exit 1; }
command -v node >/dev/null || { echo "run.sh: Node.js 20+ is required (for Azurite)" >&2; exit 1; }

if [ ! -d node_modules/azurite ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing Azurite (npm ci)…"
  npm ci --no-audit --no-fund --loglevel=error
fi

[ -f local.settings.json ] || { cp local.settings.sample.json local.settings.json; echo "Created local.settings.json from the sample."; }
# Settings added to the sample since local.settings.json was made are copied in; existing values are kept.
node -e '
const fs = require("fs");
const sample = JSON.parse(fs.readFileSync("local.settings.sample.json", "utf8"));
const local = JSON.parse(fs.readFileSync("local.settings.json", "utf8"));
local.Values = local.Values || {};
const added = Object.keys(sample.Values).filter((k) => !(k in local.Values));
for (const k of added) local.Values[k] = sample.Values[k];
if (added.length) { fs.writeFileSync("local.settings.json", JSON.stringify(local, null, 2) + "\n"); console.log("Added to local.settings.json: " + added.join(", ")); }
'

mkdir -p .azurite
azurite_pid=""
cleanup() {
  [ -n "$azurite_pid" ] && kill "$azurite_pid" 2>/dev/null && wait "$azurite_pid" 2>/dev/null
  true
}
trap cleanup EXIT INT TERM

if (exec 3<>/dev/tcp/127.0.0.1/10002) 2>/dev/null; then
  echo "Something already listens on 127.0.0.1:10002; using it as the storage emulator."
else
  node node_modules/azurite/dist/src/azurite.js --silent --skipApiVersionCheck --loose \
    --location .azurite --debug .azurite/debug.log >.azurite/azurite.log 2>&1 &
  azurite_pid=$!
  for _ in $(seq 1 50); do (exec 3<>/dev/tcp/127.0.0.1/10002) 2>/dev/null && break; sleep 0.2; done
  echo "Azurite is running (blob 10000, queue 10001, table 10002; data in .azurite/)."
fi

echo "Building the function app…"
# NU1603 as a message: the Worker SDK's generated WorkerExtensions project asks for versions the feed
# here lacks (not ours to pin); our own projects pin theirs in Directory.Packages.props.
dotnet build src/LenaFunctions -c Debug -nologo -v quiet -warnAsMessage:NU1603
app="$root/src/LenaFunctions/bin/Debug/net10.0"

echo
echo "LenaFunctions: http://localhost:$port/api"
echo "Workbench:     http://localhost:$port/api/workbench   (patient what-if, rules, impact; type the function key if keys are enforced)"
echo "Try:  curl -sS -X POST http://localhost:$port/api/assessments -H 'Content-Type: application/json' --data @samples/patient.json"
echo

if command -v func >/dev/null; then
  cd "$app" && func start --port "$port"
else
  echo "(Azure Functions Core Tools not found: serving with lena-host, the development host in src/Lena.LocalHost.)"
  dotnet run --project src/Lena.LocalHost -c Debug -- --app "$app" --port "$port"
fi
