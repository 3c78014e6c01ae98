using System.Text.Json;
using System.Text.Json.Nodes;
using Lena.Clinical.Contract;
using LenaFunctions.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LenaFunctions.Functions.Workbench;

/// <summary>
/// <c>GET /api/workbench</c> and <c>GET /api/workbench/{asset}</c> (anonymous): the workbench page for
/// the people who use the rules. The page holds no data and no secret; it calls the API with the key
/// the user types, kept in the tab's memory only, so every call is authorised like any other client's.
/// In Azure it also signs the user in with Microsoft Entra ID (<see cref="WorkbenchSignInOptions"/>):
/// <c>sign-in.json</c> tells the page the public client id, authority and scope, never a secret.
/// </summary>
public sealed class WorkbenchPage
{
    /// <summary>The page's sign-in settings (<c>{"enabled":false}</c> when sign-in is off).</summary>
    public const string SignInAsset = "sign-in.json";

    /// <summary>Same-origin only (plus the Entra authority when sign-in is on): no inline script or style, no third-party source, no framing.</summary>
    private static string ContentSecurityPolicy(string extraConnectSource) =>
        $"default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'{extraConnectSource}; img-src 'self' data:; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

    [Function(nameof(WorkbenchPage))]
    public static Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "workbench/{*asset}")] HttpRequestData request,
        string? asset,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var signIn = request.FunctionContext.InstanceServices.GetService<IOptions<WorkbenchSignInOptions>>()?.Value ?? new WorkbenchSignInOptions();
        return ServeAsync(request, asset, signIn, cancellationToken);
    }

    /// <summary>The asset named <paramref name="asset"/> (the page when empty) under the sign-in settings <paramref name="signIn"/>.</summary>
    public static async Task<HttpResponseData> ServeAsync(HttpRequestData request, string? asset, WorkbenchSignInOptions signIn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(signIn);
        var name = string.IsNullOrEmpty(asset) ? "index.html" : asset;
        (string ContentType, byte[] Body)? found = name == SignInAsset ? ("application/json; charset=utf-8", SignInDocument(signIn)) : WorkbenchAssets.Find(name);
        if (found is not { } file)
        {
            return await HttpResponses.ProblemAsync(request, ProblemDetails.Of(404, ProblemTypes.NotFound, "No such workbench file.",
                "The workbench is at /api/workbench."), cancellationToken).ConfigureAwait(false);
        }

        var response = await HttpResponses.BytesAsync(request, 200, file.ContentType, file.Body, cancellationToken).ConfigureAwait(false);
        var authority = signIn.IsConfigured ? " " + signIn.AuthorityOrigin : "";
        response.Headers.Add("Content-Security-Policy", ContentSecurityPolicy(authority));
        response.Headers.Add("Referrer-Policy", "no-referrer");
        if (name == SignInAsset)
        {
            response.Headers.Add("Cache-Control", "no-store");
        }

        return response;
    }

    /// <summary>What the page needs to run the authorization code flow with PKCE as a public client; no secret exists to leak.</summary>
    private static byte[] SignInDocument(WorkbenchSignInOptions signIn)
    {
        var document = signIn.IsConfigured
            ? new JsonObject
            {
                ["enabled"] = true,
                ["clientId"] = signIn.ClientId.Trim(),
                ["authority"] = signIn.Authority,
                ["scope"] = signIn.Scope.Trim(),
            }
            : new JsonObject { ["enabled"] = false };
        return JsonSerializer.SerializeToUtf8Bytes(document);
    }
}
