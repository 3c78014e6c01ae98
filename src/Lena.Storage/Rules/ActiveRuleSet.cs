using Azure;
using Lena.Clinical.Rules;

namespace Lena.Storage.Rules;

/// <summary>The rule set requests are answered with, and how fresh it is.</summary>
/// <param name="Degraded">True when storage could not be reached and this is the last validated copy.</param>
public sealed record ActiveRuleSet(RuleSet RuleSet, ETag PointerETag, DateTimeOffset ConfirmedAt, bool Degraded);
