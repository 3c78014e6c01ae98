// The user-assigned managed identity the function app runs as. Every data-plane connection
// (host storage, rule and follow-up tables, reminder queue, App Insights ingestion and the
// deployment package container) authenticates with it; its roles are granted in rbac.bicep.

@description('Name of the user-assigned managed identity.')
param name string

@description('Azure region of the identity.')
param location string

@description('Tags applied to the identity.')
param tags { *: string }

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

@description('Resource id of the identity, for the site identity and the deployment storage authentication.')
output id string = identity.id

@description('Name of the identity.')
output name string = identity.name

@description('Client (application) id: the `*__clientId` app settings. An identifier, not a secret.')
output clientId string = identity.properties.clientId

@description('Object id of the identity\'s service principal, the principal of its role assignments.')
output principalId string = identity.properties.principalId
