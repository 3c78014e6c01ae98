using Lena.CdsHooks.FhirServer;
using Lena.CdsHooks.Security;
using Lena.CdsHooks.Service;
using Lena.CdsHooks.Storage;
using Lena.Courses;
using Lena.Delivery;
using LenaFunctions.Functions.Reminders;
using Lena.Storage.Configuration;
using LenaFunctions.Functions.CdsHooks;
using LenaFunctions.Functions.Workbench;
using Lena.Storage.Rules;
using LenaFunctions.Http;
using LenaFunctions.Security;
using LenaFunctions.Startup;
using LenaFunctions.Telemetry;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

var builder = FunctionsApplication.CreateBuilder(args);
builder.UseMiddleware<CorsMiddleware>();
builder.UseMiddleware<ExceptionMiddleware>();

builder.Services.AddLenaStorage(builder.Configuration);
builder.Services.AddLenaCourses(builder.Configuration);
builder.Services.AddCdsHooksStorage(builder.Configuration);
builder.Services.AddLenaTelemetry(builder.Configuration);
builder.Services.AddSingleton<IRuleCacheObserver, TelemetryRuleCacheObserver>();
builder.Services.AddSingleton<PatientIdHasher>();
builder.Services.AddSingleton<ClinicalRequestHandler>();
builder.Services.AddSingleton(HttpRouteTable.FromAssembly(typeof(ExceptionMiddleware).Assembly));
builder.Services.AddHostedService<RuleSeeder>();

// Rule publishing and activation: a Microsoft Entra token with the Rules.Publish app role, not the master key.
builder.Services.AddRuleAdminAuthorization(builder.Configuration);

// The workbench page's Microsoft Entra sign-in (a public client: ids and a scope, no secret).
builder.Services.AddOptions<WorkbenchSignInOptions>().Bind(builder.Configuration.GetSection(WorkbenchSignInOptions.SectionName));

// CDS Hooks: client JWTs (replay guard in Table Storage, from AddCdsHooksStorage), the FHIR server
// read-back for missing prefetch, and the FHIR deserializer warmed before the first call.
builder.Services.AddCdsHooksSecurity(builder.Configuration);
builder.Services.AddOptions<FhirServerOptions>().Bind(builder.Configuration.GetSection("CdsHooks"));
builder.Services.AddSingleton<IFhirServerReader>(sp => new HttpFhirServerReader(
    new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(10) }),
    sp.GetRequiredService<IOptions<FhirServerOptions>>()));
builder.Services.AddSingleton<CdsHookService>();
builder.Services.AddSingleton<CdsClientAuthentication>();
builder.Services.AddHostedService<FhirWarmUp>();

// Reminder delivery: care teams' webhooks (https in Azure; http to loopback only on a development host),
// no redirects followed, and outside development no connection to a non-public address.
var webhooks = builder.Configuration.GetSection(WebhookDeliveryOptions.SectionName).Get<WebhookDeliveryOptions>() ?? new WebhookDeliveryOptions();
var deliveryEnvironment = DeliveryEnvironment.FromProcess(webhooks.RequireHttps);
builder.Services.AddSingleton(deliveryEnvironment);
builder.Services.AddSingleton(new WebhookUrlPolicy(deliveryEnvironment));
builder.Services.AddSingleton(sp => new WebhookDeliverer(
    sp.GetRequiredService<IWebhookStore>(),
    new HttpClient(WebhookDeliveryOptions.Handler(deliveryEnvironment)) { Timeout = TimeSpan.FromSeconds(webhooks.TimeoutSeconds) },
    sp.GetRequiredService<TimeProvider>()));

await builder.Build().RunAsync().ConfigureAwait(false);
