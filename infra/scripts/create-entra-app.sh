#!/bin/sh
# Once per environment, by someone allowed to register applications in the Microsoft Entra tenant:
# creates the app registration that rule administration and the workbench sign-in use, and stores
# its client id in the azd environment (LENA_RULES_ADMIN_CLIENT_ID). Bicep cannot create app
# registrations. Nothing secret is created: the API validates tokens with the tenant's public keys
# and the workbench page is a public client (authorization code flow with PKCE).
#
#   infra/scripts/create-entra-app.sh [--assign-me] [--admin-consent]
#
#   --assign-me      also give you the Rules.Publish app role
#   --admin-consent  grant tenant-wide consent (needs an administrator) for tenants where users may not consent
#
# Then `azd provision` (its postprovision hook registers the deployed page as a redirect URI).
set -eu

assign_me=false
admin_consent=false
for argument in "$@"; do
  case "$argument" in
    --assign-me) assign_me=true ;;
    --admin-consent) admin_consent=true ;;
    *) echo "usage: $0 [--assign-me] [--admin-consent]" >&2; exit 2 ;;
  esac
done

command -v az >/dev/null 2>&1 || { echo "The Azure CLI (az) is required: https://aka.ms/azcli" >&2; exit 1; }
command -v azd >/dev/null 2>&1 || { echo "The Azure Developer CLI (azd) is required: https://aka.ms/azd" >&2; exit 1; }

existing=$(azd env get-value LENA_RULES_ADMIN_CLIENT_ID 2>/dev/null || true)
if [ -n "$existing" ]; then
  echo "This azd environment already uses app registration $existing (LENA_RULES_ADMIN_CLIENT_ID); nothing to do."
  exit 0
fi

new_id() { if command -v uuidgen >/dev/null 2>&1; then uuidgen | tr 'A-Z' 'a-z'; else cat /proc/sys/kernel/random/uuid; fi; }
env_name=$(azd env get-value AZURE_ENV_NAME 2>/dev/null || echo lena)
role_id=$(new_id)
reader_role_id=$(new_id)
scope_id=$(new_id)

echo "Registering \"LenaFunctions rules ($env_name)\" with the app roles Rules.Publish and Workbench.Read…"
# Workbench.Read: what a function key allows on the workbench's routes (read rules, a patient's assessment),
# for a signed-in user instead of a key. Rules.Publish includes it.
app_id=$(az ad app create --display-name "LenaFunctions rules ($env_name)" --sign-in-audience AzureADMyOrg \
  --app-roles "[{\"id\":\"$role_id\",\"allowedMemberTypes\":[\"User\",\"Application\"],\"value\":\"Rules.Publish\",\"displayName\":\"Rules.Publish\",\"description\":\"Publish, activate and try out LenaFunctions rule sets\",\"isEnabled\":true},{\"id\":\"$reader_role_id\",\"allowedMemberTypes\":[\"User\"],\"value\":\"Workbench.Read\",\"displayName\":\"Workbench.Read\",\"description\":\"Read LenaFunctions rule sets and patient assessments in the workbench\",\"isEnabled\":true}]" \
  --query appId -o tsv)
graph="https://graph.microsoft.com/v1.0/applications(appId='$app_id')"

# The API: its Application ID URI and one delegated scope. Tokens for the scope carry the user's app roles.
az ad app update --id "$app_id" --identifier-uris "api://$app_id"
az rest --method PATCH --uri "$graph" --headers Content-Type=application/json --body \
  "{\"api\":{\"oauth2PermissionScopes\":[{\"id\":\"$scope_id\",\"value\":\"user_impersonation\",\"type\":\"User\",\"isEnabled\":true,\"adminConsentDisplayName\":\"Administer LenaFunctions rules\",\"adminConsentDescription\":\"Lets the workbench publish, activate and try out rule sets as the signed-in user (who also needs the Rules.Publish role).\",\"userConsentDisplayName\":\"Administer LenaFunctions rules\",\"userConsentDescription\":\"Lets the workbench publish, activate and try out rule sets as you.\"}]}}"
# The workbench page is this same registration as a client of its own scope: pre-authorised, so no consent prompt for it.
az rest --method PATCH --uri "$graph" --headers Content-Type=application/json --body \
  "{\"api\":{\"preAuthorizedApplications\":[{\"appId\":\"$app_id\",\"delegatedPermissionIds\":[\"$scope_id\"]}]}}"
# Sign-in itself (openid, profile, offline_access of Microsoft Graph), declared so an administrator can consent for everyone.
az ad app permission add --id "$app_id" --api 00000003-0000-0000-c000-000000000000 --api-permissions \
  37f7f235-527c-4136-accd-4a02d197296e=Scope 14dad69e-099b-42c9-810b-d002981feec1=Scope 7427e0e9-2fba-42fe-b0c0-848c9e6a8182=Scope >/dev/null

service_uri=$(azd env get-value SERVICE_API_URI 2>/dev/null || true)
if [ -n "$service_uri" ]; then
  az rest --method PATCH --uri "$graph" --headers Content-Type=application/json --body "{\"spa\":{\"redirectUris\":[\"${service_uri%/}/api/workbench\"]}}"
fi

sp_id=$(az ad sp create --id "$app_id" --query id -o tsv)
if [ "$admin_consent" = true ]; then
  az ad app permission admin-consent --id "$app_id"
fi
if [ "$assign_me" = true ]; then
  me=$(az ad signed-in-user show --query id -o tsv)
  az rest --method POST --uri "https://graph.microsoft.com/v1.0/servicePrincipals/$sp_id/appRoleAssignedTo" --headers Content-Type=application/json \
    --body "{\"principalId\":\"$me\",\"resourceId\":\"$sp_id\",\"appRoleId\":\"$role_id\"}" >/dev/null
  echo "You have the Rules.Publish role."
fi

azd env set LENA_RULES_ADMIN_CLIENT_ID "$app_id"
echo "Done: LENA_RULES_ADMIN_CLIENT_ID=$app_id. Now run \`azd provision\`, then give pharmacists the Rules.Publish role"
echo "and clinicians who only read the Workbench.Read role"
echo "(Enterprise applications → \"LenaFunctions rules ($env_name)\" → Users and groups → Add assignment)."
