// CSP Support Desk on Azure: everything one partner needs to run the bot with several instances.
//   Azure Bot (Teams channel) -> Linux App Service (>= 2 instances, Node 22 or the container image)
//   -> PostgreSQL Flexible Server (TLS required) ; secrets in Key Vault, read by a user-assigned managed identity
//   through Key Vault references ; Application Insights (workspace-based) for logs, metrics and traces.
// Deploy: README "Deploy to Azure" (Agents Toolkit: m365agents.yml runs this; or `az deployment group create`).
// Parameters with secrets are @secure() and have no default: a deployment without them fails instead of using a known value.

targetScope = 'resourceGroup'

@description('Region for every regional resource (the Azure Bot itself is global). Empty: the resource group\'s region.')
param location string = resourceGroup().location

@description('Region for PostgreSQL, when the Flexible Server SKU has no capacity in the main region. Empty: as above.')
param postgresLocation string = ''

@description('Prefix of resource names (letters, digits, hyphens).')
@minLength(3)
@maxLength(20)
param resourceBaseName string = 'cspdesk'

@description('''How the bot authenticates to Teams. SingleTenant: an Entra app registration in the partner's tenant (botAppId + botAppPassword).
UserAssignedMSI: the managed identity created here is the bot's identity; no secret exists at all. (New multi-tenant bots can no longer be created.)''')
@allowed([
  'SingleTenant'
  'UserAssignedMSI'
])
param botAppType string = 'SingleTenant'

@description('SingleTenant only: the client ID of the bot\'s Entra app registration (Agents Toolkit writes it as BOT_ID).')
param botAppId string = ''

@description('SingleTenant only: a client secret of that app registration. Stored in Key Vault, never in app settings.')
@secure()
param botAppPassword string = ''

@description('Display name of the Azure Bot.')
param botDisplayName string = 'CSP Support Desk'

@description('Azure Bot pricing tier (F0 is free, with a message quota; S1 for production).')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'S1'

@description('App Service plan SKU (Linux). P0v3 and up support several instances and zone redundancy.')
param appServiceSku string = 'P0v3'

@description('Number of bot instances. Two or more: cases live in PostgreSQL and any instance serves any click.')
@minValue(2)
@maxValue(10)
param instanceCount int = 2

@description('Empty: run the code deployed by zip deploy on Node 22 LTS. Otherwise a container image built from the Dockerfile, e.g. contoso.azurecr.io/csp-support-desk:1.0.0 (pulled with the managed identity: grant it AcrPull).')
param containerImage string = ''

@description('Administrator login of the PostgreSQL server.')
param postgresAdminLogin string = 'deskadmin'

@description('Administrator password of the PostgreSQL server (becomes part of DATABASE_URL in Key Vault).')
@secure()
@minLength(12)
param postgresAdminPassword string

@description('PostgreSQL compute: Standard_B1ms (Burstable) is enough for one partner\'s helpdesk; General Purpose for zone-redundant HA.')
param postgresSkuName string = 'Standard_B1ms'

@allowed([
  'Burstable'
  'GeneralPurpose'
  'MemoryOptimized'
])
param postgresSkuTier string = 'Burstable'

@description('Days of point-in-time restore (7 to 35).')
@minValue(7)
@maxValue(35)
param postgresBackupRetentionDays int = 14

@description('PostgreSQL connections per bot instance.')
@minValue(2)
@maxValue(50)
param databasePoolMax int = 10

@description('Comma-separated tenant GUIDs allowed to use the bot; default: the tenant this is deployed in (the partner\'s own).')
param allowedTenantIds string = tenant().tenantId

@description('Company name shown on service requests (the partner\'s, never the customer\'s).')
param partnerCompany string = 'Contoso Cloud Partner'

param tags object = {
  app: 'csp-support-desk'
}

// The Agents Toolkit passes AZURE_LOCATION, which may be empty: fall back to the resource group's region.
var region = empty(location) ? resourceGroup().location : location
var postgresRegion = empty(postgresLocation) ? region : postgresLocation
var suffix = uniqueString(resourceGroup().id, resourceBaseName)
var useMsi = botAppType == 'UserAssignedMSI'
var databaseName = 'supportdesk'
var keyVaultSecretsUserRole = '4633458b-17de-408a-b874-0445c86b69e6'
var acrPullRole = '7f951dda-4ed3-4680-a7ca-43fe172d538d'

// --- identity ------------------------------------------------------------------------------------------------------------
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${resourceBaseName}-identity'
  location: region
  tags: tags
}

// --- observability ---------------------------------------------------------------------------------------------------------
resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${resourceBaseName}-logs-${suffix}'
  location: region
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${resourceBaseName}-insights'
  location: region
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
  }
}

// --- PostgreSQL ------------------------------------------------------------------------------------------------------------
resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: '${toLower(resourceBaseName)}-pg-${suffix}'
  location: postgresRegion
  tags: tags
  sku: {
    name: postgresSkuName
    tier: postgresSkuTier
  }
  properties: {
    version: '16'
    administratorLogin: postgresAdminLogin
    administratorLoginPassword: postgresAdminPassword
    storage: {
      storageSizeGB: 32
      autoGrow: 'Enabled'
    }
    backup: {
      backupRetentionDays: postgresBackupRetentionDays
      geoRedundantBackup: 'Disabled'
    }
    highAvailability: {
      mode: 'Disabled'
    }
    network: {
      publicNetworkAccess: 'Enabled'
    }
  }
}

// Every connection must use TLS; the bot connects with sslmode=verify-full (Node's bundled roots cover Azure's certificates).
resource postgresTls 'Microsoft.DBforPostgreSQL/flexibleServers/configurations@2024-08-01' = {
  parent: postgres
  name: 'require_secure_transport'
  properties: {
    value: 'ON'
    source: 'user-override'
  }
}

resource postgresTlsVersion 'Microsoft.DBforPostgreSQL/flexibleServers/configurations@2024-08-01' = {
  parent: postgres
  name: 'ssl_min_protocol_version'
  properties: {
    value: 'TLSv1.2'
    source: 'user-override'
  }
  dependsOn: [
    postgresTls
  ]
}

// 0.0.0.0 is Azure's convention for "services inside Azure" (App Service outbound addresses change with the plan).
// For a private network, put the server and the app in a VNet instead (see README "Operate").
resource postgresAzureAccess 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01' = {
  parent: postgres
  name: 'AllowAllAzureServicesAndResourcesWithinAzureIps'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
  dependsOn: [
    postgresTlsVersion
  ]
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: postgres
  name: databaseName
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
  dependsOn: [
    postgresAzureAccess
  ]
}

// --- Key Vault ---------------------------------------------------------------------------------------------------------------
resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv${take(replace(toLower(resourceBaseName), '-', ''), 8)}${take(suffix, 12)}'
  location: region
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

resource databaseUrlSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'database-url'
  properties: {
    value: 'postgres://${postgresAdminLogin}:${uriComponent(postgresAdminPassword)}@${postgres.properties.fullyQualifiedDomainName}:5432/${databaseName}?sslmode=verify-full'
    contentType: 'PostgreSQL connection string (DATABASE_URL)'
  }
}

resource botPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!useMsi) {
  parent: vault
  name: 'microsoft-app-password'
  properties: {
    value: botAppPassword
    contentType: 'Client secret of the bot app registration (MicrosoftAppPassword)'
  }
}

// The app reads secrets as the managed identity: Key Vault Secrets User on this vault only.
resource identityReadsSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, keyVaultSecretsUserRole)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRole)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// --- App Service ---------------------------------------------------------------------------------------------------------------
resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${resourceBaseName}-plan'
  location: region
  tags: tags
  kind: 'linux'
  sku: {
    name: appServiceSku
    capacity: instanceCount
  }
  properties: {
    reserved: true
  }
}

// Key Vault references: App Service resolves them with keyVaultReferenceIdentity; the values never appear in app settings.
var databaseUrlRef = '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${databaseUrlSecret.name})'
var botPasswordRef = '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=microsoft-app-password)'

var commonSettings = [
  { name: 'NODE_ENV', value: 'production' }
  { name: 'HOST', value: '0.0.0.0' }
  { name: 'LOG_FORMAT', value: 'json' }
  { name: 'DATABASE_URL', value: databaseUrlRef }
  // Connections per instance: instances x pool must stay below the server's max_connections (B1ms: 50).
  { name: 'DATABASE_POOL_MAX', value: string(databasePoolMax) }
  { name: 'MicrosoftAppType', value: botAppType }
  { name: 'MicrosoftAppId', value: useMsi ? identity.properties.clientId : botAppId }
  { name: 'MicrosoftAppTenantId', value: tenant().tenantId }
  { name: 'ALLOWED_TENANT_IDS', value: allowedTenantIds }
  { name: 'PARTNER_COMPANY', value: partnerCompany }
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsights.properties.ConnectionString }
  { name: 'OTEL_SERVICE_NAME', value: 'csp-support-desk' }
]
var secretSettings = useMsi ? [] : [{ name: 'MicrosoftAppPassword', value: botPasswordRef }]
// Code deploy: App Service (Oryx) builds on Linux, so better-sqlite3 matches the host. NODE_ENV=production would make a
// plain `npm install` skip the TypeScript compiler: install everything, build, then drop the dev dependencies.
var codeSettings = [
  { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'true' }
  { name: 'CUSTOM_BUILD_COMMAND', value: 'npm ci --include=dev && npm run build && npm prune --omit=dev' }
]
var containerSettings = [{ name: 'WEBSITES_PORT', value: '3978' }]

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: '${toLower(resourceBaseName)}-app-${suffix}'
  location: region
  tags: tags
  kind: empty(containerImage) ? 'app,linux' : 'app,linux,container'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: empty(containerImage) ? 'NODE|22-lts' : 'DOCKER|${containerImage}'
      appCommandLine: empty(containerImage) ? 'node dist/bundle/index.mjs' : ''
      acrUseManagedIdentityCreds: !empty(containerImage)
      acrUserManagedIdentityID: empty(containerImage) ? null : identity.properties.clientId
      alwaysOn: true
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      // /readyz checks the database: an instance that lost it is taken out of rotation.
      healthCheckPath: '/readyz'
      appSettings: concat(commonSettings, secretSettings, empty(containerImage) ? codeSettings : containerSettings)
    }
  }
  dependsOn: [
    identityReadsSecrets
    databaseUrlSecret
    botPasswordSecret
    database
  ]
}

// --- Azure Bot --------------------------------------------------------------------------------------------------------------------
resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${resourceBaseName}-bot-${suffix}'
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'
    msaAppId: useMsi ? identity.properties.clientId : botAppId
    msaAppType: botAppType
    msaAppTenantId: tenant().tenantId
    msaAppMSIResourceId: useMsi ? identity.id : null
    developerAppInsightKey: appInsights.properties.InstrumentationKey
    disableLocalAuth: false
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
      deploymentEnvironment: 'CommercialDeployment'
    }
  }
}

// --- outputs (the Agents Toolkit writes each to env/.env.<env> under the same upper-case name) --------------------------------------
@description('Resource ID the Agents Toolkit zip-deploys the code to.')
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
@description('Host name for the Teams manifest\'s validDomains (npm run package reads BOT_DOMAIN).')
output BOT_DOMAIN string = webApp.properties.defaultHostName
@description('The Azure Bot\'s messaging endpoint.')
output BOT_MESSAGING_ENDPOINT string = bot.properties.endpoint
@description('The bot\'s Microsoft App ID: the app registration (SingleTenant) or the managed identity\'s client ID (UserAssignedMSI).')
output BOT_ID string = bot.properties.msaAppId
output BOT_AZURE_BOT_NAME string = bot.name
output MANAGED_IDENTITY_CLIENT_ID string = identity.properties.clientId
output KEY_VAULT_NAME string = vault.name
output POSTGRES_HOST string = postgres.properties.fullyQualifiedDomainName
output APPLICATION_INSIGHTS_NAME string = appInsights.name
