using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Lena.LocalHost.Http;

/// <summary>
/// Kestrel serving the app's HTTP side on <c>localhost:port</c> (plaintext HTTP/1.1, as <c>func start</c>; port 0 binds
/// 127.0.0.1 on a port the OS picks); every request goes to one handler, <see cref="FunctionRequestHandler"/>.
/// </summary>
internal sealed class HttpFrontEnd : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HttpFrontEnd(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<HttpFrontEnd> StartAsync(RequestDelegate handler, int port, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Services.AddSingleton(loggerFactory);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            if (port == 0)
            {
                kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http1);
            }
            else
            {
                kestrel.ListenLocalhost(port, listen => listen.Protocols = HttpProtocols.Http1);
            }
        });

        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        var host = port == 0 ? "127.0.0.1" : "localhost";
        return new HttpFrontEnd(app, new Uri($"http://{host}:{bound}/"));
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Requests still running are abandoned.
        }

        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
