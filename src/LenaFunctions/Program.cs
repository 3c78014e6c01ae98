using Lena.Storage.Configuration;
using Lena.Storage.Rules;
using LenaFunctions.Http;
using LenaFunctions.Startup;
using LenaFunctions.Telemetry;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.UseMiddleware<ExceptionMiddleware>();

builder.Services.AddLenaStorage(builder.Configuration);
builder.Services.AddLenaTelemetry(builder.Configuration);
builder.Services.AddSingleton<IRuleCacheObserver, TelemetryRuleCacheObserver>();
builder.Services.AddSingleton<PatientIdHasher>();
builder.Services.AddSingleton<ClinicalRequestHandler>();
builder.Services.AddSingleton(HttpRouteTable.FromAssembly(typeof(ExceptionMiddleware).Assembly));
builder.Services.AddHostedService<RuleSeeder>();

await builder.Build().RunAsync().ConfigureAwait(false);
