using Lena.CdsHooks.Security;
using Microsoft.Extensions.Time.Testing;

namespace Lena.CdsHooks.Tests.Security;

/// <summary>A validator trusting one EHR (<see cref="TestToken.Issuer"/>) whose JWKS is served by <see cref="Endpoint"/>, with a fake clock.</summary>
internal sealed class ValidatorHarness : IDisposable
{
    public const string JwksUrl = "https://ehr.example.org/.well-known/jwks.json";

    private readonly HttpClient _http;

    public ValidatorHarness(Action<CdsTrustedIssuer>? configure = null)
    {
        var issuer = new CdsTrustedIssuer { Issuer = TestToken.Issuer, JwksUrl = JwksUrl, ClientId = TestToken.ClientId };
        configure?.Invoke(issuer);
        Options = new CdsHooksAuthOptions
        {
            ServiceBaseUrl = "https://lena.example.org/api/cds-services",
            TrustedIssuers = [issuer],
        };
        _http = new HttpClient(Endpoint);
        Guard = new InMemoryJtiReplayGuard(Clock);
        Keys = new JwksCache(_http, Options, Clock);
        Validator = new CdsHooksJwtValidator(Options, Keys, Guard, Clock);
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero));

    public FakeJwksEndpoint Endpoint { get; } = new();

    public CdsHooksAuthOptions Options { get; }

    public InMemoryJtiReplayGuard Guard { get; }

    public JwksCache Keys { get; }

    public CdsHooksJwtValidator Validator { get; }

    public DateTimeOffset Now => Clock.GetUtcNow();

    public TestToken Token() => new(Now);

    public Task<CdsJwtValidation> ValidateAsync(string? authorization) =>
        Validator.ValidateAsync(authorization, TestToken.Audience, CancellationToken.None);

    public Task<CdsJwtValidation> ValidateAsync(TestToken token) => ValidateAsync(token.Bearer());

    public void Dispose()
    {
        _http.Dispose();
        Endpoint.Dispose();
    }
}
