// One storage account for both the Functions host (AzureWebJobsStorage, the Flex Consumption
// deployment package) and the app's own data (tables LenaRules and LenaFollowUps, queue
// lena-reminders). Shared keys are off: every caller authenticates with Microsoft Entra ID.

@description('Storage account name: 3-24 lower-case letters and digits, globally unique.')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region of the account.')
param location string

@description('Tags applied to the account.')
param tags { *: string }

@description('Blob container that holds the Flex Consumption deployment package.')
param deploymentContainerName string

@description('Table names the app uses (Lena__RulesTable, Lena__FollowUpsTable).')
param tableNames string[]

@description('Queue names the app uses (Lena__ReminderQueue).')
param queueNames string[]

@description('Private networking: public network access off; the app reaches blob, queue and table through private endpoints (network.bicep).')
param privateNetworking bool

@description('Log Analytics workspace that receives the queue service\'s resource logs (the poison-queue alert reads them).')
param logAnalyticsWorkspaceId string

resource account 'Microsoft.Storage/storageAccounts@2024-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    allowCrossTenantReplication: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    // Patient data: with private networking on, nothing outside the virtual network reaches it.
    publicNetworkAccess: privateNetworking ? 'Disabled' : 'Enabled'
    dnsEndpointType: 'Standard'
    networkAcls: {
      bypass: privateNetworking ? 'None' : 'AzureServices'
      defaultAction: privateNetworking ? 'Deny' : 'Allow'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2024-01-01' = {
  parent: account
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2024-01-01' = {
  parent: account
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2024-01-01' = [for tableName in tableNames: {
  parent: tableService
  name: tableName
}]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2024-01-01' = {
  parent: account
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2024-01-01' = [for queueName in queueNames: {
  parent: queueService
  name: queueName
}]

// Queue operations into Log Analytics (table StorageQueueLogs): the poison-queue alert counts
// messages put on <queue>-poison, whichever code path moved them there.
resource queueDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'queue-logs'
  scope: queueService
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [
      {
        category: 'StorageWrite'
        enabled: true
      }
    ]
  }
}

@description('Storage account name.')
output name string = account.name

@description('Blob service endpoint (AzureWebJobsStorage__blobServiceUri, deployment storage).')
output blobEndpoint string = account.properties.primaryEndpoints.blob

@description('Queue service endpoint (AzureWebJobsStorage__queueServiceUri, Queues__serviceUri).')
output queueEndpoint string = account.properties.primaryEndpoints.queue

@description('Table service endpoint (AzureWebJobsStorage__tableServiceUri, Tables__serviceUri).')
output tableEndpoint string = account.properties.primaryEndpoints.table
