#!/bin/sh
# azd postprovision hook: makes the deployed workbench page (<SERVICE_API_URI>/api/workbench) a
# single-page-application redirect URI of the app registration LENA_RULES_ADMIN_CLIENT_ID, so the page
# can sign pharmacists in (authorization code flow with PKCE; a public client, no secret). Idempotent.
# It never fails a provision: without the value, the Azure CLI or the right to change the
# registration, it prints the one command an administrator runs instead. No secret is read or written.
set -eu

client_id="${LENA_RULES_ADMIN_CLIENT_ID:-}"
if [ -z "$client_id" ]; then
  echo "Workbench sign-in: off (LENA_RULES_ADMIN_CLIENT_ID is not set; see infra/README.md, \"Rule administration\")."
  exit 0
fi

redirect_uri="${SERVICE_API_URI%/}/api/workbench"
graph="https://graph.microsoft.com/v1.0/applications(appId='$client_id')"
manual="az ad app show --id $client_id --query spa.redirectUris  # then add $redirect_uri to that list:
  az rest --method PATCH --uri \"$graph\" --headers Content-Type=application/json --body '{\"spa\":{\"redirectUris\":[<the list>,\"$redirect_uri\"]}}'"

if ! command -v az >/dev/null 2>&1; then
  echo "Workbench sign-in: the Azure CLI is not installed, so $redirect_uri could not be registered. Run:"
  echo "  $manual"
  exit 0
fi

if ! current=$(az rest --method GET --uri "$graph?\$select=spa" --query "spa.redirectUris" -o json 2>/dev/null); then
  echo "Workbench sign-in: app registration $client_id could not be read (are you one of its owners?). An owner runs:"
  echo "  $manual"
  exit 0
fi

# The current list plus this app's page, each once (JSON in, JSON out; python3 or jq are not assumed).
case "$current" in
  *"\"$redirect_uri\""*)
    echo "Workbench sign-in: $redirect_uri is already a redirect URI of $client_id."
    exit 0
    ;;
esac
list=$(printf '%s' "$current" | tr -d '\n' | sed -e 's/^ *null *$//' -e 's/^ *\[ *//' -e 's/ *\] *$//')
if [ -n "$list" ]; then list="$list,"; fi
body="{\"spa\":{\"redirectUris\":[$list\"$redirect_uri\"]}}"

if az rest --method PATCH --uri "$graph" --headers Content-Type=application/json --body "$body" >/dev/null 2>&1; then
  echo "Workbench sign-in: registered $redirect_uri as a redirect URI of $client_id."
else
  echo "Workbench sign-in: could not add $redirect_uri to app registration $client_id. An owner runs:"
  echo "  $manual"
fi
