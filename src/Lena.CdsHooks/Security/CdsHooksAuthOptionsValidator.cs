using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Lena.CdsHooks.Security;

/// <summary>Every problem with a <c>CdsHooks</c> section, so a misconfigured deployment fails at start, not on the first EHR call.</summary>
public sealed class CdsHooksAuthOptionsValidator : IValidateOptions<CdsHooksAuthOptions>
{
    public ValidateOptionsResult Validate(string? name, CdsHooksAuthOptions options)
    {
        var problems = Problems(options);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    public static IReadOnlyList<string> Problems(CdsHooksAuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (!string.IsNullOrEmpty(options.ServiceBaseUrl) && !IsAllowedUrl(options.ServiceBaseUrl))
        {
            problems.Add("CdsHooks__ServiceBaseUrl must be an absolute https URL (http only for localhost).");
        }

        if (options.ClockSkewSeconds is < 0 or > 600)
        {
            problems.Add("CdsHooks__ClockSkewSeconds must be 0–600.");
        }

        if (options.MaxTokenLifetimeSeconds <= 0)
        {
            problems.Add("CdsHooks__MaxTokenLifetimeSeconds must be positive.");
        }

        if (options.JwksCacheMinutes <= 0 || options.JwksMinRefreshSeconds <= 0)
        {
            problems.Add("CdsHooks__JwksCacheMinutes and CdsHooks__JwksMinRefreshSeconds must be positive.");
        }

        for (var i = 0; i < options.TrustedIssuers.Count; i++)
        {
            if (!options.TrustedIssuers[i].IsPlaceholder)
            {
                CheckIssuer(options.TrustedIssuers[i], $"CdsHooks__TrustedIssuers__{i}__", problems);
            }
        }

        foreach (var duplicate in options.ConfiguredIssuers.GroupBy(t => t.Issuer, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"The issuer '{duplicate.Key}' is configured more than once in CdsHooks__TrustedIssuers.");
        }

        return problems;
    }

    /// <summary>https anywhere; http only for this machine (local EHR sandboxes), never across a network.</summary>
    public static bool IsAllowedUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps
            || (uri.Scheme == Uri.UriSchemeHttp && (uri.IsLoopback && (uri.Host == "localhost" || uri.Host == "127.0.0.1"))));

    private static void CheckIssuer(CdsTrustedIssuer issuer, string prefix, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(issuer.Issuer))
        {
            problems.Add($"{prefix}Issuer is required.");
        }

        var hasUrl = !string.IsNullOrEmpty(issuer.JwksUrl);
        var hasInline = !string.IsNullOrEmpty(issuer.Jwks);
        if (hasUrl == hasInline)
        {
            problems.Add($"{prefix}: set exactly one of JwksUrl and Jwks.");
        }

        if (hasUrl && !IsAllowedUrl(issuer.JwksUrl!))
        {
            problems.Add($"{prefix}JwksUrl must be an absolute https URL (http only for localhost or 127.0.0.1).");
        }

        if (hasInline && !IsKeySet(issuer.Jwks!))
        {
            problems.Add($"{prefix}Jwks is not a JWKS document with at least one key.");
        }

        if (!string.IsNullOrEmpty(issuer.ClientId) && !string.IsNullOrEmpty(issuer.Subject) && !string.Equals(issuer.ClientId, issuer.Subject, StringComparison.Ordinal))
        {
            problems.Add($"{prefix}ClientId and Subject differ; set one of them.");
        }
    }

    private static bool IsKeySet(string json)
    {
        try
        {
            return new JsonWebKeySet(json).Keys.Count > 0;
        }
        catch (Exception ex) when (ex is ArgumentException or JsonException)
        {
            return false;
        }
    }
}
