// LenaFunctions on Azure: everything `azd up` provisions.
//
// Target scope is the subscription, and the template creates its own resource group (as the
// azd Functions quickstart does): one `azd up` needs nothing created beforehand, every resource
// of an environment sits in one group named after it, and `azd down` removes the group whole.
targetScope = 'subscription'

@description('azd environment name; names the resource group and seeds the resource names.')
@minLength(1)
@maxLength(64)
param environmentName string

@description('Azure region for all resources. It must offer Flex Consumption function apps.')
@minLength(1)
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Object id of the deploying principal (azd passes AZURE_PRINCIPAL_ID). It gets data roles only when grantDeployerDataRoles is true.')
param principalId string = ''

@description('Principal type of principalId: the azd value AZURE_PRINCIPAL_TYPE (User or ServicePrincipal) when azd or a pipeline sets it. Empty lets Azure look the type up, so a user and a pipeline\'s service principal both deploy.')
@allowed([
  ''
  'User'
  'ServicePrincipal'
  'Group'
])
param principalType string = ''

@description('Give the deploying principal the storage data roles (read/write on the patient-data tables and queues) to inspect them. Off by default: `azd deploy` to Flex Consumption does not need them.')
param grantDeployerDataRoles bool = false

@description('Private networking: VNet integration for the app, private endpoints and private DNS zones for blob, queue, table and Key Vault, public network access off on storage and Key Vault.')
param vnetEnabled bool = true

@description('Always-ready instances for the HTTP functions. 0 (default) scales from zero: no compute cost at rest, a cold start on the first request.')
@minValue(0)
@maxValue(20)
param alwaysReadyInstanceCount int = 0

@description('Maximum instances the function app scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Memory per instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('NCRONTAB schedule of the follow-up reminder timer (FollowUpReminders__Schedule).')
param followUpRemindersSchedule string = '0 0 * * * *'

@description('A new random salt for Telemetry__PatientIdSalt (122 random bits from newGuid, twice). Used only on the first provision, when patientIdSaltStored is false; never output or logged.')
@secure()
param patientIdSaltSeed string = '${newGuid()}${newGuid()}'

@description('True once the salt secret exists in Key Vault (azd keeps the output LENA_PATIENT_ID_SALT_STORED); the stored salt is then never replaced.')
param patientIdSaltStored bool = false

@description('Optional OTLP collector endpoint (app setting OTEL_EXPORTER_OTLP_ENDPOINT, azd value LENA_OTLP_ENDPOINT) in addition to Azure Monitor; empty for none.')
param otlpEndpoint string = ''

@description('Application ID URI (or client id) of the Entra app registration exposing the Rules.Publish app role (RuleAdmin__Audience). Empty: derived from rulesAdminClientId (api://<id>,<id>); both empty: rule publishing and activation are refused in Azure.')
param rulesAdminAudience string = ''

@description('Application (client) id of that app registration (azd value LENA_RULES_ADMIN_CLIENT_ID, written by infra/scripts/create-entra-app.sh). The workbench page signs users in as this public client (authorization code flow with PKCE; no secret). Empty: no workbench sign-in.')
param rulesAdminClientId string = ''

@description('E-mail address the operator alerts go to; empty creates the alerts without notification.')
param alertEmail string = ''

@description('Override for the resource group name; empty uses rg-<environmentName>.')
param resourceGroupName string = ''

@description('Public CDS Hooks discovery URL (CdsHooks__ServiceBaseUrl); empty = https://<app>.azurewebsites.net/api/cds-services. Set it for a custom domain or a unique default host name.')
param cdsServiceBaseUrl string = ''

@description('The iss of the EHR trusted to call the CDS Hooks services; empty trusts none (every call 401).')
param cdsTrustedIssuer string = ''

@description('That EHR\'s JWKS URL (https).')
param cdsTrustedIssuerJwksUrl string = ''

@description('The sub (client id) its tokens must carry; empty accepts any.')
param cdsTrustedIssuerClientId string = ''

@description('Comma-separated FHIR base URLs the service may read missing prefetch from; empty reads none.')
param cdsAllowedFhirServers string = ''

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}

var names = {
  resourceGroup: !empty(resourceGroupName) ? resourceGroupName : 'rg-${environmentName}'
  identity: 'id-api-${resourceToken}'
  storage: 'st${resourceToken}'
  logAnalytics: 'log-${resourceToken}'
  applicationInsights: 'appi-${resourceToken}'
  plan: 'plan-${resourceToken}'
  functionApp: 'func-api-${resourceToken}'
  deploymentContainer: 'app-package-${resourceToken}'
  keyVault: 'kv-${resourceToken}'
  virtualNetwork: 'vnet-${resourceToken}'
}

// The app's data names; the same values go to storage (to create them) and to app settings.
var rulesTableName = 'LenaRules'
var followUpsTableName = 'LenaFollowUps'
var cdsTokensTableName = 'LenaCdsTokens'
var cdsFeedbackTableName = 'LenaCdsFeedback'
var reminderQueueName = 'lena-reminders'

var patientIdSaltSecretName = 'telemetry-patient-id-salt'

// Rule administration: one app registration is both the API (its Rules.Publish role, its
// user_impersonation scope) and the workbench page's public client. v1 tokens carry the
// Application ID URI as aud, v2 tokens the client id, so both are accepted.
var rulesAdminAudiences = !empty(rulesAdminAudience)
  ? rulesAdminAudience
  : (!empty(rulesAdminClientId) ? 'api://${rulesAdminClientId},${rulesAdminClientId}' : '')
var rulesAdminIdentifierUri = !empty(rulesAdminAudience) ? trim(split(rulesAdminAudience, ',')[0]) : 'api://${rulesAdminClientId}'
var workbenchSignInScope = !empty(rulesAdminClientId) ? '${rulesAdminIdentifierUri}/user_impersonation' : ''

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: names.resourceGroup
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: names.identity
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: names.storage
    location: location
    tags: tags
    deploymentContainerName: names.deploymentContainer
    tableNames: [
      rulesTableName
      followUpsTableName
      cdsTokensTableName
      cdsFeedbackTableName
    ]
    queueNames: [
      reminderQueueName
    ]
    privateNetworking: vnetEnabled
    logAnalyticsWorkspaceId: monitoring.outputs.logAnalyticsWorkspaceId
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: names.keyVault
    location: location
    tags: tags
    saltSecretName: patientIdSaltSecretName
    saltValue: patientIdSaltSeed
    storeSecret: !patientIdSaltStored
    // The identity's principal id exists only once it is created (see rbac below).
    #disable-next-line what-if-short-circuiting
    readerPrincipalId: identity.outputs.principalId
    privateNetworking: vnetEnabled
  }
}

module network 'modules/network.bicep' = if (vnetEnabled) {
  name: 'network'
  scope: rg
  params: {
    name: names.virtualNetwork
    location: location
    tags: tags
    storageAccountName: names.storage
    keyVaultName: names.keyVault
  }
  dependsOn: [
    storage
    keyVault
  ]
}

module alerts 'modules/alerts.bicep' = {
  name: 'alerts'
  scope: rg
  params: {
    location: location
    tags: tags
    nameSuffix: resourceToken
    applicationInsightsName: names.applicationInsights
    logAnalyticsName: names.logAnalytics
    alertEmail: alertEmail
  }
  dependsOn: [
    monitoring
  ]
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: names.logAnalytics
    applicationInsightsName: names.applicationInsights
    location: location
    tags: tags
  }
}

module rbac 'modules/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    // Names known at compile time (not module outputs) keep What-If precise; dependsOn orders.
    storageAccountName: names.storage
    applicationInsightsName: names.applicationInsights
    // The identity's principal id exists only once it is created, and the assignment names must
    // contain it (guid(scope, principalId, role)), so What-If cannot predict these names.
    #disable-next-line what-if-short-circuiting
    identityPrincipalId: identity.outputs.principalId
    deployerPrincipalId: grantDeployerDataRoles ? principalId : ''
    deployerPrincipalType: principalType
  }
  dependsOn: [
    storage
    monitoring
  ]
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  scope: rg
  params: {
    name: names.functionApp
    planName: names.plan
    location: location
    tags: tags
    serviceName: 'api'
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: names.storage
    deploymentContainerName: names.deploymentContainer
    applicationInsightsName: names.applicationInsights
    alwaysReadyInstanceCount: alwaysReadyInstanceCount
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    rulesTableName: rulesTableName
    followUpsTableName: followUpsTableName
    reminderQueueName: reminderQueueName
    ruleCacheRefreshSeconds: 30
    ruleStalenessLimitMinutes: 15
    patientIdSaltReference: keyVault.outputs.saltReference
    virtualNetworkSubnetId: vnetEnabled ? network!.outputs.appSubnetId : ''
    ruleAdminTenantId: tenant().tenantId
    ruleAdminAudience: rulesAdminAudiences
    workbenchSignInClientId: rulesAdminClientId
    workbenchSignInScope: workbenchSignInScope
    followUpRemindersSchedule: followUpRemindersSchedule
    followUpLeadTimeHours: 24
    followUpOverdueRepeatDays: 7
    followUpClaimLeaseMinutes: 10
    followUpBatchSize: 100
    otlpEndpoint: otlpEndpoint
    cdsServiceBaseUrl: empty(cdsServiceBaseUrl) ? 'https://${names.functionApp}.azurewebsites.net/api/cds-services' : cdsServiceBaseUrl
    cdsTrustedIssuer: cdsTrustedIssuer
    cdsTrustedIssuerJwksUrl: cdsTrustedIssuerJwksUrl
    cdsTrustedIssuerClientId: cdsTrustedIssuerClientId
    cdsAllowedFhirServers: cdsAllowedFhirServers
    cdsTokensTableName: cdsTokensTableName
    cdsFeedbackTableName: cdsFeedbackTableName
  }
  // The host reads its storage and the deployment package with the identity as soon as the
  // site starts, so its roles are in place first (rbac itself follows storage and monitoring).
  dependsOn: [
    rbac
  ]
}

// Outputs become azd environment values. Names and endpoints only: nothing here is a secret.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output SERVICE_API_NAME string = functionApp.outputs.name
output SERVICE_API_URI string = 'https://${functionApp.outputs.defaultHostName}'
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_STORAGE_BLOB_ENDPOINT string = storage.outputs.blobEndpoint
output AZURE_STORAGE_TABLE_ENDPOINT string = storage.outputs.tableEndpoint
output AZURE_STORAGE_QUEUE_ENDPOINT string = storage.outputs.queueEndpoint
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
output AZURE_LOG_ANALYTICS_NAME string = monitoring.outputs.logAnalyticsName
output AZURE_MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output AZURE_VAULT_NAME string = keyVault.outputs.name
// Fed back as patientIdSaltStored on the next provision (main.parameters.json), so the salt
// generated on the first provision is kept. A flag, not the salt.
output LENA_PATIENT_ID_SALT_STORED bool = true
