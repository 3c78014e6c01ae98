using Lena.CdsHooks.FhirServer;
using Lena.CdsHooks.Security;
using Lena.CdsHooks.Service;
using LenaFunctions.Functions.CdsHooks;
using LenaFunctions.Tests.Support;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace LenaFunctions.Tests.CdsHooks;

/// <summary>The CDS Hooks functions as Program.cs wires them, trusting <see cref="CdsClientKeys"/>' EHR by an inline JWKS.</summary>
internal sealed class CdsHooksApp : IDisposable
{
    public const string BaseUrl = TestHttpRequestData.BaseUrl + "cds-services";

    private readonly HttpClient _http = new();

    public CdsHooksApp(string? serviceBaseUrl = BaseUrl)
    {
        Options = new CdsHooksAuthOptions
        {
            ServiceBaseUrl = serviceBaseUrl,
            TrustedIssuers = [new CdsTrustedIssuer { Issuer = CdsClientKeys.Issuer, Jwks = CdsClientKeys.Jwks() }],
        };
        Guard = new InMemoryJtiReplayGuard(App.Clock);
        var validator = new CdsHooksJwtValidator(Options, new JwksCache(_http, Options, App.Clock), Guard, App.Clock);
        Authentication = new CdsClientAuthentication(validator, MsOptions.Create(Options), new CapturingLogger<CdsClientAuthentication>());
        Service = new CdsService(Authentication, new CdsHookService(new HttpFhirServerReader(_http, MsOptions.Create(new FhirServerOptions()))), App.Rules, App.Clock, App.Hasher, ServiceLogger);
        Feedback = new CdsFeedback(Authentication, FeedbackStore, App.Clock, new CapturingLogger<CdsFeedback>());
    }

    public TestApp App { get; } = TestApp.Seeded();

    public CdsHooksAuthOptions Options { get; }

    public InMemoryJtiReplayGuard Guard { get; }

    public CdsClientAuthentication Authentication { get; }

    public CapturingLogger<CdsService> ServiceLogger { get; } = new();

    public CdsService Service { get; }

    public InMemoryFeedbackStore FeedbackStore { get; } = new();

    public CdsFeedback Feedback { get; }

    public string Bearer(string serviceId) => CdsClientKeys.Bearer($"{BaseUrl}/{serviceId}", App.Clock.GetUtcNow());

    public void Dispose()
    {
        App.Dispose();
        _http.Dispose();
    }
}
