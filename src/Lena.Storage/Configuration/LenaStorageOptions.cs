namespace Lena.Storage.Configuration;

/// <summary>The <c>Lena</c> configuration section: table and queue names, rule-cache timing.</summary>
public sealed class LenaStorageOptions
{
    public const string SectionName = "Lena";

    public string RulesTable { get; set; } = "LenaRules";
    public string FollowUpsTable { get; set; } = "LenaFollowUps";
    public string ReminderQueue { get; set; } = "lena-reminders";
    public string WebhooksTable { get; set; } = "LenaWebhooks";

    /// <summary>How often the rule cache asks storage whether the active version changed.</summary>
    public int RuleCacheRefreshSeconds { get; set; } = 30;

    /// <summary>How long clinical answers may come from the last validated rule set while storage is unreachable.</summary>
    public int RuleStalenessLimitMinutes { get; set; } = 15;

    /// <summary>Independent transactions of one course write (batches of several partitions, worklist rows) in flight at once; an enrollment is 3, in order.</summary>
    public int CourseWriteParallelism { get; set; } = Courses.CourseStoreTables.DefaultWriteParallelism;

    public TimeSpan RuleCacheRefresh => TimeSpan.FromSeconds(RuleCacheRefreshSeconds);

    public TimeSpan RuleStalenessLimit => TimeSpan.FromMinutes(RuleStalenessLimitMinutes);
}
