using Lena.Clinical.Contract;
using Lena.Clinical.Rules;
using Lena.Storage.Configuration;
using Lena.Storage.Rules;
using LenaFunctions.Functions.Clinical;
using LenaFunctions.Http;
using LenaFunctions.Telemetry;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace LenaFunctions.Tests.Support;

/// <summary>
/// The app's services as Program.cs wires them, over an <see cref="InMemoryRuleStore"/> and a
/// <see cref="FakeTimeProvider"/>: the rule cache, the patient-id hasher and the clinical handler.
/// </summary>
public sealed class TestApp : IDisposable
{
    /// <summary>"Now" for every test: the clinical "today" is 2026-11-21.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 21, 9, 30, 0, TimeSpan.Zero);

    public const string PatientIdSalt = "test-salt-not-a-secret";

    private TestApp(bool seed)
    {
        Store = new InMemoryRuleStore(Clock);
        if (seed)
        {
            Store.SeedAsync(RuleSetDocument.Default, CancellationToken.None).GetAwaiter().GetResult();
        }

        Rules = new ActiveRuleSetProvider(Store, MsOptions.Create(StorageOptions), Clock);
        Hasher = new PatientIdHasher(new ConfigurationBuilder()
            .AddInMemoryCollection([new KeyValuePair<string, string?>("Telemetry:PatientIdSalt", PatientIdSalt)])
            .Build());
        Handler = new ClinicalRequestHandler(Rules, Clock, Hasher, NullLogger<ClinicalRequestHandler>.Instance);
    }

    public static DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);

    public FakeTimeProvider Clock { get; } = new(Now);

    /// <summary>The defaults: the rule cache asks storage every 30 s and may serve a copy 15 min old.</summary>
    public LenaStorageOptions StorageOptions { get; } = new();

    public InMemoryRuleStore Store { get; }

    public ActiveRuleSetProvider Rules { get; }

    public PatientIdHasher Hasher { get; }

    public ClinicalRequestHandler Handler { get; }

    /// <summary>Rule administration as in Azure: Microsoft Entra tokens of <see cref="EntraTestTenant"/> with the Rules.Publish role.</summary>
    public LenaFunctions.Security.RuleAdminAuthorization RuleAdmin { get; } = EntraTestTenant.Authorization();

    /// <summary>A store seeded with the embedded default rule set, active, as RuleSeeder leaves it.</summary>
    public static TestApp Seeded() => new(seed: true);

    /// <summary>A store with nothing in it.</summary>
    public static TestApp Empty() => new(seed: false);

    /// <summary>The route of each clinical function (API.md).</summary>
    public static string RouteOf(Concern concern) => concern switch
    {
        Concern.Dosing => "dosing",
        Concern.MonitoringSchedule => "monitoring-schedule",
        Concern.VteProphylaxis => "vte-prophylaxis",
        Concern.Contraindications => "contraindications",
        Concern.Assessment => "assessments",
        _ => throw new ArgumentOutOfRangeException(nameof(concern), concern, null),
    };

    /// <summary>Constructs the clinical function for <paramref name="concern"/> and calls its Run.</summary>
    public Task<HttpResponseData> RunClinicalAsync(Concern concern, HttpRequestData request) => concern switch
    {
        Concern.Dosing => new Dosing(Handler).Run(request, CancellationToken.None),
        Concern.MonitoringSchedule => new MonitoringSchedule(Handler).Run(request, CancellationToken.None),
        Concern.VteProphylaxis => new VteProphylaxis(Handler).Run(request, CancellationToken.None),
        Concern.Contraindications => new Contraindications(Handler).Run(request, CancellationToken.None),
        Concern.Assessment => new Assessment(Handler, RuleAdmin).Run(request, CancellationToken.None),
        _ => throw new ArgumentOutOfRangeException(nameof(concern), concern, null),
    };

    /// <summary>POSTs <paramref name="body"/> as JSON to the clinical function for <paramref name="concern"/>.</summary>
    public Task<HttpResponseData> PostClinicalAsync(Concern concern, byte[] body) =>
        RunClinicalAsync(concern, TestHttpRequestData.Json("POST", RouteOf(concern), body));

    public void Dispose() => Rules.Dispose();
}
