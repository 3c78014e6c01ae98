// What tells an operator that something is wrong before a clinician notices: four log alerts
// (Microsoft.Insights/scheduledQueryRules), each with its query, and an optional action group
// that e-mails whoever LENA_ALERT_EMAIL names. Without an address the alerts still fire and show
// in the portal (Monitor > Alerts); nobody is notified.
//
//   reminder-timer-silent   the FollowUpReminders timer has not completed in reminderSilenceHours
//   http-5xx-rate           more than 5 % of at least 20 requests in 15 minutes answered 5xx
//   rule-cache-stale        the rule cache served a stale rule set, or none (health is degraded)
//   poison-queue-messages   a message was moved to a poison queue (<queue>-poison)

@description('Azure region of the alert rules.')
param location string

@description('Tags applied to every resource here.')
param tags { *: string }

@description('Suffix that makes the alert names unique (the environment\'s resource token).')
param nameSuffix string

@description('Application Insights component the application queries run against.')
param applicationInsightsName string

@description('Log Analytics workspace the storage-log query runs against (StorageQueueLogs).')
param logAnalyticsName string

@description('E-mail address notified when an alert fires (azd value LENA_ALERT_EMAIL); empty creates no action group.')
param alertEmail string = ''

@description('Hours without a completed reminder sweep before the timer alert fires. 2 fits the default hourly schedule; raise it with a sparser LENA_REMINDER_SCHEDULE.')
@allowed([
  1
  2
  3
  4
  5
  6
])
param reminderSilenceHours int = 2

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
  name: logAnalyticsName
}

var notify = !empty(alertEmail)

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = if (notify) {
  name: 'ag-lena-${nameSuffix}'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'lena-ops'
    enabled: true
    emailReceivers: [
      {
        name: 'operator'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

// The alert queries. Each returns rows only when the condition holds (except the timer, which
// counts completions); the rule compares the row count with its threshold.
var queries = {
  // The timer's completions: the host's invocation (requests) or the app's own completion log.
  reminderTimerCompleted: '''
union isfuzzy=true
  (requests | where name has "FollowUpReminders" or operation_Name has "FollowUpReminders" | where success == true),
  (traces | where message startswith "Reminder sweep sent")
'''
  http5xxRate: '''
requests
| summarize total = count(), failed = countif(toint(resultCode) >= 500)
| where total >= 20 and failed * 100 > total * 5
| project total, failed, failedPercent = round(100.0 * failed / total, 1)
'''
  ruleCacheStale: '''
customMetrics
| where name == "lena.rule_cache.events"
| where tostring(customDimensions["event"]) in ("servedStale", "unavailable")
| summarize events = sum(valueSum) by event = tostring(customDimensions["event"])
| where events > 0
'''
  poisonQueueMessages: '''
StorageQueueLogs
| where OperationName == "PutMessage" and StatusCode between (200 .. 299)
| where Uri has "-poison/messages"
| summarize messages = count() by AccountName, queue = extract(@"/([a-z0-9-]+-poison)/messages", 1, Uri)
'''
}

var alerts = [
  {
    name: 'reminder-timer-silent'
    displayName: 'Lena: reminder timer has not completed in ${reminderSilenceHours} hours'
    description: 'No completed FollowUpReminders run in the window: care teams get no reminders for due or overdue follow-ups. Check the function app (Invocations, Log stream) and its storage access.'
    severity: 1
    scope: applicationInsights.id
    query: queries.reminderTimerCompleted
    operator: 'LessThan'
    threshold: 1
    windowSize: 'PT${reminderSilenceHours}H'
    evaluationFrequency: 'PT15M'
  }
  {
    name: 'http-5xx-rate'
    displayName: 'Lena: more than 5 % of requests answered 5xx'
    description: 'Server errors on the HTTP API (clinical answers, courses, CDS Hooks). Bad input is a 4xx by contract, so a 5xx is a fault of the app or its dependencies.'
    severity: 1
    scope: applicationInsights.id
    query: queries.http5xxRate
    operator: 'GreaterThan'
    threshold: 0
    windowSize: 'PT15M'
    evaluationFrequency: 'PT5M'
  }
  {
    name: 'rule-cache-stale'
    displayName: 'Lena: rule cache serving a stale rule set (health degraded)'
    description: 'The active rule set could not be revalidated against table storage: answers rest on the last validated version (GET /api/health says degraded), or on none once past Lena__RuleStalenessLimitMinutes.'
    severity: 2
    scope: applicationInsights.id
    query: queries.ruleCacheStale
    operator: 'GreaterThan'
    threshold: 0
    windowSize: 'PT15M'
    evaluationFrequency: 'PT5M'
  }
  {
    name: 'poison-queue-messages'
    displayName: 'Lena: messages moved to a poison queue'
    description: 'A queue message failed every retry and now waits in <queue>-poison (for lena-reminders: a reminder that was not delivered). Inspect the poison queue and requeue or discard each message.'
    severity: 2
    scope: workspace.id
    query: queries.poisonQueueMessages
    operator: 'GreaterThan'
    threshold: 0
    windowSize: 'PT15M'
    evaluationFrequency: 'PT5M'
  }
]

resource rules 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = [for alert in alerts: {
  name: 'alert-${alert.name}-${nameSuffix}'
  location: location
  tags: tags
  properties: {
    displayName: alert.displayName
    description: alert.description
    severity: alert.severity
    enabled: true
    scopes: [
      alert.scope
    ]
    evaluationFrequency: alert.evaluationFrequency
    windowSize: alert.windowSize
    criteria: {
      allOf: [
        {
          query: alert.query
          timeAggregation: 'Count'
          operator: alert.operator
          threshold: alert.threshold
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: notify ? [
        actionGroup.id
      ] : []
    }
  }
}]

@description('Names of the alert rules.')
output alertNames string[] = [for (alert, i) in alerts: rules[i].name]
