// The function app: a Flex Consumption (FC1) plan and a Linux site running the .NET 10 isolated
// worker. It runs as the user-assigned identity and reaches every dependency with it; no app
// setting holds a key, SAS or storage connection string. The deployment package lives in a
// blob container that the platform reads with the same identity.
//
// App settings mirror local.settings.sample.json, name for name, except:
//   FUNCTIONS_WORKER_RUNTIME                 -> functionAppConfig.runtime (Flex refuses the setting)
//   AzureWebJobsStorage                      -> AzureWebJobsStorage__{credential,clientId,*ServiceUri}
//   Tables__connectionString                 -> Tables__{serviceUri,credential,clientId}
//   Queues__connectionString                 -> Queues__{serviceUri,credential,clientId}
//   APPLICATIONINSIGHTS_CONNECTION_STRING    -> set from the component, plus
//                                               APPLICATIONINSIGHTS_AUTHENTICATION_STRING (Entra auth)
//   Telemetry__PatientIdSalt                 -> a Key Vault reference to the generated secret
//
// siteConfig holds only what Flex Consumption accepts. Microsoft's "Flex Consumption plan
// deprecations" table (functions-app-settings) refuses ftpsState, alwaysOn, use32BitWorkerProcess,
// linuxFxVersion, netFrameworkVersion, functionAppScaleLimit, preWarmedInstanceCount,
// vnetRouteAllEnabled and more; runtime, scale and deployment live in functionAppConfig, and
// tests/Lena.Infra.Tests/FlexConsumptionRulesTests.cs keeps every one of them out.

@description('Function app (site) name.')
param name string

@description('Flex Consumption plan name.')
param planName string

@description('Azure region of the plan and the site.')
param location string

@description('Tags applied to the plan; the site adds azd-service-name.')
param tags { *: string }

@description('Service name in azure.yaml that azd deploys to this site.')
param serviceName string

@description('Resource id of the user-assigned managed identity.')
param identityId string

@description('Client id of the user-assigned managed identity.')
param identityClientId string

@description('Storage account that holds host storage, the deployment container, tables and the queue.')
param storageAccountName string

@description('Blob container for the deployment package.')
param deploymentContainerName string

@description('Application Insights component that receives telemetry.')
param applicationInsightsName string

@description('Always-ready instances for the HTTP trigger group; 0 means scale from zero (no idle compute cost).')
@minValue(0)
param alwaysReadyInstanceCount int

@description('Upper bound on instances the app scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('Memory per instance in MB (Flex Consumption sizes: 512, 2048 or 4096).')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('Lena__RulesTable: table holding the versioned rule sets.')
param rulesTableName string

@description('Lena__FollowUpsTable: table holding courses and follow-ups.')
param followUpsTableName string

@description('Lena__ReminderQueue: queue the reminder timer writes to.')
param reminderQueueName string

@description('Lena__RuleCacheRefreshSeconds.')
param ruleCacheRefreshSeconds int

@description('Lena__RuleStalenessLimitMinutes.')
param ruleStalenessLimitMinutes int

@description('Telemetry__PatientIdSalt: a Key Vault reference (@Microsoft.KeyVault(SecretUri=…)) to the generated salt, never the value.')
param patientIdSaltReference string

@description('Subnet (delegated to Microsoft.App/environments) the app integrates with; empty for no virtual network.')
param virtualNetworkSubnetId string = ''

@description('RuleAdmin__TenantId: the Microsoft Entra tenant whose tokens may publish and activate rule sets.')
param ruleAdminTenantId string

@description('RuleAdmin__Audience: the Application ID URI (or client id) of the app registration that exposes Rules.Publish; empty refuses every rule publication in Azure.')
param ruleAdminAudience string = ''

@description('RuleAdmin__RequiredRole: the app role a token must carry to publish, activate or run a what-if.')
param ruleAdminRequiredRole string = 'Rules.Publish'

@description('RuleAdmin__ReaderRole: the app role that lets a signed-in user read rules and assessments on the workbench\'s routes instead of a function key.')
param ruleAdminReaderRole string = 'Workbench.Read'

@description('Workbench__SignIn__ClientId: the app registration the workbench page signs users in with, as a public client (PKCE, no secret); empty: no sign-in.')
param workbenchSignInClientId string = ''

@description('Workbench__SignIn__Scope: the delegated scope the page asks for (<Application ID URI>/user_impersonation); its tokens carry the user\'s app roles.')
param workbenchSignInScope string = ''

@description('FollowUpReminders__Schedule: NCRONTAB schedule of the reminder timer.')
param followUpRemindersSchedule string

@description('FollowUpReminders__LeadTimeHours.')
param followUpLeadTimeHours int

@description('FollowUpReminders__OverdueRepeatDays.')
param followUpOverdueRepeatDays int

@description('FollowUpReminders__ClaimLeaseMinutes.')
param followUpClaimLeaseMinutes int

@description('FollowUpReminders__BatchSize.')
param followUpBatchSize int

@description('FollowUpReminders__InitialLookbackDays: how far back the very first sweep looks.')
param followUpInitialLookbackDays int = 30

@description('FollowUpReminders__PlanExtensionLeadDays: how long before its horizon a course plan is extended.')
param followUpPlanExtensionLeadDays int = 90

@description('FollowUpReminders__PlanWindowDays: how far each course plan (extension) reaches.')
param followUpPlanWindowDays int = 365

@description('CdsHooks__ServiceBaseUrl: the public discovery URL; a CDS client token\'s aud must be this plus /{serviceId}.')
param cdsServiceBaseUrl string

@description('CdsHooks__TrustedIssuers__0__Issuer: the iss of the EHR (CDS client) trusted to call; empty trusts none.')
param cdsTrustedIssuer string = ''

@description('CdsHooks__TrustedIssuers__0__JwksUrl: that EHR\'s JWKS URL (https).')
param cdsTrustedIssuerJwksUrl string = ''

@description('CdsHooks__TrustedIssuers__0__ClientId: the sub its tokens must carry; empty accepts any.')
param cdsTrustedIssuerClientId string = ''

@description('CdsHooks__AllowedFhirServers: comma-separated FHIR base URLs the service may read missing prefetch from; empty reads none (412).')
param cdsAllowedFhirServers string = ''

@description('CdsHooks__TokensTable: used CDS client token ids (replay guard).')
param cdsTokensTableName string

@description('CdsHooks__FeedbackTable: CDS Hooks card feedback, kept for audit.')
param cdsFeedbackTableName string

@description('OTEL_EXPORTER_OTLP_ENDPOINT (azd value LENA_OTLP_ENDPOINT): an optional OTLP collector besides Azure Monitor; empty means none, as locally.')
param otlpEndpoint string

resource storageAccount 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

var blobEndpoint = storageAccount.properties.primaryEndpoints.blob
var queueEndpoint = storageAccount.properties.primaryEndpoints.queue
var tableEndpoint = storageAccount.properties.primaryEndpoints.table

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    publicNetworkAccess: 'Enabled'
    clientCertEnabled: false
    // Outbound traffic through the integrated subnet (private endpoints of storage and Key Vault).
    virtualNetworkSubnetId: empty(virtualNetworkSubnetId) ? null : virtualNetworkSubnetId
    // Key Vault references (Telemetry__PatientIdSalt) resolve with the app's own identity.
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      // Only settings Flex Consumption accepts (see the header); FTP is off through the
      // basic publishing credential policies below, not through ftpsState.
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      appSettings: [
        // Host storage (timer leases, host keys) through the managed identity.
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'AzureWebJobsStorage__clientId', value: identityClientId }
        { name: 'AzureWebJobsStorage__blobServiceUri', value: blobEndpoint }
        { name: 'AzureWebJobsStorage__queueServiceUri', value: queueEndpoint }
        { name: 'AzureWebJobsStorage__tableServiceUri', value: tableEndpoint }
        // App data: Microsoft.Extensions.Azure reads the Tables and Queues sections.
        { name: 'Tables__serviceUri', value: tableEndpoint }
        { name: 'Tables__credential', value: 'managedidentity' }
        { name: 'Tables__clientId', value: identityClientId }
        { name: 'Queues__serviceUri', value: queueEndpoint }
        { name: 'Queues__credential', value: 'managedidentity' }
        { name: 'Queues__clientId', value: identityClientId }
        // The DeliverReminders queue trigger (connection "Queues"): the Functions host reads an identity-based
        // queue connection's endpoint as <prefix>__queueServiceUri.
        { name: 'Queues__queueServiceUri', value: queueEndpoint }
        // Lena.
        { name: 'Lena__RulesTable', value: rulesTableName }
        { name: 'Lena__FollowUpsTable', value: followUpsTableName }
        { name: 'Lena__ReminderQueue', value: reminderQueueName }
        { name: 'Lena__WebhooksTable', value: 'LenaWebhooks' } // care teams' reminder webhooks (README "Delivery to people")
        { name: 'Webhooks__RequireHttps', value: 'true' } // https to public hosts only (also implied by WEBSITE_* in Azure)
        { name: 'Webhooks__TimeoutSeconds', value: '10' }
        { name: 'Lena__RuleCacheRefreshSeconds', value: string(ruleCacheRefreshSeconds) }
        { name: 'Lena__RuleStalenessLimitMinutes', value: string(ruleStalenessLimitMinutes) }
        { name: 'Telemetry__PatientIdSalt', value: patientIdSaltReference }
        { name: 'Cors__AllowedOrigins', value: '' } // browser portals' origins, comma-separated; none by default (API.md "HTTP")
        { name: 'FollowUpReminders__Schedule', value: followUpRemindersSchedule }
        { name: 'FollowUpReminders__LeadTimeHours', value: string(followUpLeadTimeHours) }
        { name: 'FollowUpReminders__OverdueRepeatDays', value: string(followUpOverdueRepeatDays) }
        { name: 'FollowUpReminders__ClaimLeaseMinutes', value: string(followUpClaimLeaseMinutes) }
        { name: 'FollowUpReminders__BatchSize', value: string(followUpBatchSize) }
        { name: 'FollowUpReminders__InitialLookbackDays', value: string(followUpInitialLookbackDays) }
        { name: 'FollowUpReminders__PlanExtensionLeadDays', value: string(followUpPlanExtensionLeadDays) }
        { name: 'FollowUpReminders__PlanWindowDays', value: string(followUpPlanWindowDays) }
        // CDS Hooks: which EHR may call (its JWKS, never inline keys in Azure), and where missing prefetch may be read.
        { name: 'CdsHooks__ServiceBaseUrl', value: cdsServiceBaseUrl }
        { name: 'CdsHooks__ClockSkewSeconds', value: '60' }
        { name: 'CdsHooks__MaxTokenLifetimeSeconds', value: '300' }
        { name: 'CdsHooks__JwksCacheMinutes', value: '60' }
        { name: 'CdsHooks__JwksMinRefreshSeconds', value: '30' }
        { name: 'CdsHooks__TrustedIssuers__0__Issuer', value: cdsTrustedIssuer }
        { name: 'CdsHooks__TrustedIssuers__0__JwksUrl', value: cdsTrustedIssuerJwksUrl }
        { name: 'CdsHooks__TrustedIssuers__0__ClientId', value: cdsTrustedIssuerClientId }
        { name: 'CdsHooks__TokensTable', value: cdsTokensTableName }
        { name: 'CdsHooks__FeedbackTable', value: cdsFeedbackTableName }
        { name: 'CdsHooks__TokenPurgeSchedule', value: '0 30 3 * * *' }
        { name: 'CdsHooks__AllowedFhirServers', value: cdsAllowedFhirServers }
        { name: 'CdsHooks__FhirServerMaxPages', value: '5' }
        { name: 'CdsHooks__FhirServerTimeoutSeconds', value: '10' }
        // Rule administration: a Microsoft Entra token with the app role, never the host's master key.
        { name: 'RuleAdmin__TenantId', value: ruleAdminTenantId }
        { name: 'RuleAdmin__Audience', value: ruleAdminAudience }
        { name: 'RuleAdmin__RequiredRole', value: ruleAdminRequiredRole }
        { name: 'RuleAdmin__ReaderRole', value: ruleAdminReaderRole }
        // The workbench page signs pharmacists in itself (authorization code flow with PKCE, a public
        // client of the same app registration): ids and a scope only, no secret exists.
        { name: 'Workbench__SignIn__ClientId', value: workbenchSignInClientId }
        { name: 'Workbench__SignIn__TenantId', value: ruleAdminTenantId }
        { name: 'Workbench__SignIn__Scope', value: workbenchSignInScope }
        // Telemetry: Azure Monitor with Entra authentication (the component has local auth off, so
        // its connection string carries no secret), and an optional OTLP collector.
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: applicationInsights.properties.ConnectionString }
        { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identityClientId};Authorization=AAD' }
        { name: 'OTEL_EXPORTER_OTLP_ENDPOINT', value: otlpEndpoint }
        // Lets Azure.Identity credentials in the app (e.g. the Azure Monitor exporter's) pick this identity.
        { name: 'AZURE_CLIENT_ID', value: identityClientId }
      ]
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        alwaysReady: alwaysReadyInstanceCount > 0
          ? [
              {
                name: 'http'
                instanceCount: alwaysReadyInstanceCount
              }
            ]
          : []
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// Basic (user name and password) publishing credentials off for FTP and for SCM/Kudu:
// azd deploys with the signed-in user's Entra token.
resource ftpPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

// App Service Authentication ("Easy Auth") is declared off, so a portal change is undone by the next
// `azd provision`. Every route authorises itself: function keys, the CDS Hooks client JWT and the
// rule administrators' Entra token all arrive in headers the platform module would otherwise
// inspect (an EHR's JWT in Authorization is not an Entra token of this tenant), and on Flex
// Consumption its token store has no shared file system to live in (the alternative, a blob SAS
// URL, is a secret). The workbench page signs in on its own instead (Workbench__SignIn__*).
resource authSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: false
    }
    globalValidation: {
      requireAuthentication: false
      unauthenticatedClientAction: 'AllowAnonymous'
    }
    httpSettings: {
      requireHttps: true
    }
  }
}

@description('Function app name.')
output name string = site.name

@description('Default host name of the function app.')
output defaultHostName string = site.properties.defaultHostName
