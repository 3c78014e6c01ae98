// Log Analytics workspace and workspace-based Application Insights. Local (key) authentication
// is off on both: telemetry is accepted only with a Microsoft Entra token, which the function
// app's managed identity obtains (Monitoring Metrics Publisher, granted in rbac.bicep).

@description('Log Analytics workspace name.')
param logAnalyticsName string

@description('Application Insights component name.')
param applicationInsightsName string

@description('Azure region of both resources.')
param location string

@description('Tags applied to both resources.')
param tags { *: string }

@description('Days Log Analytics keeps data; 30 is included in the ingestion price.')
@minValue(30)
@maxValue(730)
param retentionInDays int = 30

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
    features: {
      disableLocalAuth: true
    }
  }
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    DisableLocalAuth: true
    IngestionMode: 'LogAnalytics'
    publicNetworkAccessForIngestion: 'Enabled'
    publicNetworkAccessForQuery: 'Enabled'
  }
}

@description('Application Insights name. The connection string is read where it is used (functionapp.bicep), never output.')
output applicationInsightsName string = applicationInsights.name

@description('Log Analytics workspace name.')
output logAnalyticsName string = workspace.name

@description('Log Analytics workspace resource id (diagnostic settings destination).')
output logAnalyticsWorkspaceId string = workspace.id
