using Azure.Data.Tables;

namespace Lena.Storage.Rules;

/// <summary>The table client for <c>LenaRules</c>, named by configuration.</summary>
public sealed record RuleStoreTables(TableClient Rules);
