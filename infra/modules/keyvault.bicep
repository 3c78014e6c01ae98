// Key Vault holding the telemetry salt (Telemetry__PatientIdSalt). The salt pseudonymises patient
// ids in telemetry, so it must be random and secret: a salt anyone can recompute from the
// subscription and environment names protects nothing.
//
// Generated once: the value is a parameter whose default is newGuid() in main.bicep, and the
// secret is written only when the environment has not stored it yet (storeSecret). After the first
// `azd provision`, azd keeps the output LENA_PATIENT_ID_SALT_STORED=true in the environment and
// passes it back, so later provisions leave the secret (and every hashed id) as it is.
//
// Read by the app identity only: RBAC authorization (no access policies, no keys), one role
// assignment, Key Vault Secrets User, scoped to this one secret. Nobody else gets a data role.

@description('Key Vault name: 3-24 letters, digits and dashes, globally unique.')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region of the vault.')
param location string

@description('Tags applied to the vault.')
param tags { *: string }

@description('Name of the secret holding the salt.')
param saltSecretName string

@description('The salt to store on the first provision. Never output, never logged in deployment history.')
@secure()
param saltValue string

@description('True on the first provision (the secret does not exist yet); false keeps the stored secret untouched.')
param storeSecret bool

@description('Principal (object) id of the function app\'s user-assigned identity, the secret\'s only reader.')
param readerPrincipalId string

@description('Private networking: public network access off, reachable only through a private endpoint.')
param privateNetworking bool

// Built-in role: Key Vault Secrets User (read secret contents), the same id in every tenant.
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    // Soft delete is always on (90 days). Purge protection stays off so `azd down --purge` can
    // free the name for the next `azd up` of the same environment.
    enableSoftDelete: true
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    publicNetworkAccess: privateNetworking ? 'Disabled' : 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: privateNetworking ? 'Deny' : 'Allow'
    }
  }
}

// Written through Azure Resource Manager (control plane), so the deployer needs no data role.
resource saltSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (storeSecret) {
  parent: vault
  name: saltSecretName
  properties: {
    value: saltValue
    contentType: 'text/plain; purpose=telemetry-patient-id-salt'
  }
}

// The same secret whether written now or on an earlier provision: the role assignment's scope.
resource storedSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' existing = {
  parent: vault
  name: saltSecretName
}

resource appSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storedSecret.id, readerPrincipalId, keyVaultSecretsUser)
  scope: storedSecret
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: readerPrincipalId
    principalType: 'ServicePrincipal'
  }
  dependsOn: [
    saltSecret
  ]
}

@description('Key Vault name.')
output name string = vault.name

@description('Key Vault resource id (private endpoint target).')
output id string = vault.id

@description('The app setting value: a Key Vault reference to the latest version of the salt secret (no value).')
output saltReference string = '@Microsoft.KeyVault(SecretUri=${vault.properties.vaultUri}secrets/${saltSecretName}/)'
