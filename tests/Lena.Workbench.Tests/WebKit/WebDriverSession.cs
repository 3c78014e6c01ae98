using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Lena.Workbench.Tests.WebKit;

/// <summary>
/// One W3C WebDriver session over plain HTTP: only the commands the WebKit tests use (navigate, find,
/// click, clear, send keys, execute script, screenshot). Elements are found by CSS selector on every
/// call, so a page that re-renders never leaves a stale reference behind.
/// </summary>
public sealed class WebDriverSession : IAsyncDisposable
{
    /// <summary>The W3C key under which a web element reference travels in JSON.</summary>
    private const string ElementKey = "element-6066-11e4-a52e-4f735466cecf";

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    private readonly HttpClient _http;
    private readonly string _session;

    private WebDriverSession(HttpClient http, string id)
    {
        _http = http;
        _session = "session/" + id;
    }

    /// <summary>How long <see cref="WaitUntilAsync"/> waits before it fails.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Opens a session on the driver at <paramref name="driver"/> (the browser starts with it).</summary>
    public static async Task<WebDriverSession> StartAsync(Uri driver, JsonObject alwaysMatch)
    {
        var http = new HttpClient { BaseAddress = driver, Timeout = TimeSpan.FromSeconds(90) };
        try
        {
            var value = await SendAsync(http, HttpMethod.Post, "session", new JsonObject { ["capabilities"] = new JsonObject { ["alwaysMatch"] = alwaysMatch } });
            var id = value?["sessionId"]?.GetValue<string>() ?? throw new InvalidOperationException("New Session answered without a sessionId: " + value?.ToJsonString());
            return new WebDriverSession(http, id) { Capabilities = value["capabilities"]?.AsObject() ?? [] };
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }

    /// <summary>What the driver says it started (browserName, browserVersion, …).</summary>
    public JsonObject Capabilities { get; private init; } = [];

    public Task NavigateAsync(Uri url) => CommandAsync(HttpMethod.Post, "url", new JsonObject { ["url"] = url.ToString() });

    public Task SetWindowSizeAsync(int width, int height) =>
        CommandAsync(HttpMethod.Post, "window/rect", new JsonObject { ["width"] = width, ["height"] = height });

    /// <summary>Clicks the first element <paramref name="css"/> matches, as a user would (an option is selected).</summary>
    public async Task ClickAsync(string css) => await CommandAsync(HttpMethod.Post, $"element/{await FindAsync(css)}/click");

    /// <summary>Clicks an element a script returned (e.g. the option with a given label).</summary>
    public async Task ClickAsync(JsonNode? element) => await CommandAsync(HttpMethod.Post, $"element/{ElementId(element)}/click");

    public async Task ClearAsync(string css) => await CommandAsync(HttpMethod.Post, $"element/{await FindAsync(css)}/clear");

    /// <summary>Types <paramref name="text"/> into the element as key presses.</summary>
    public async Task TypeAsync(string css, string text) =>
        await CommandAsync(HttpMethod.Post, $"element/{await FindAsync(css)}/value", new JsonObject { ["text"] = text });

    /// <summary>Runs <paramref name="script"/> (a function body; its arguments are <c>arguments[i]</c>) in the page and returns its result.</summary>
    public Task<JsonNode?> ExecuteAsync(string script, params string[] args) =>
        CommandAsync(HttpMethod.Post, "execute/sync", new JsonObject { ["script"] = script, ["args"] = new JsonArray([.. args.Select(a => JsonValue.Create(a))]) });

    /// <summary>The element's text content (CSS selector), or fails if nothing matches.</summary>
    public async Task<string> TextAsync(string css) =>
        (await ExecuteAsync("const e = document.querySelector(arguments[0]); return e ? e.textContent : null;", css))?.GetValue<string>()
        ?? throw new InvalidOperationException($"No element matches {css}.");

    /// <summary>Polls <paramref name="condition"/> (a script returning true when met) until it holds, or fails naming <paramref name="what"/>.</summary>
    public async Task WaitUntilAsync(string what, string condition, params string[] args)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if ((await ExecuteAsync(condition, args))?.GetValue<bool>() == true)
            {
                return;
            }

            if (clock.Elapsed > Timeout)
            {
                throw new TimeoutException($"Waited {Timeout.TotalSeconds:0} s for {what}.");
            }

            await Task.Delay(Poll);
        }
    }

    /// <summary>Waits until the element <paramref name="css"/> matches contains <paramref name="text"/>, and fails with its text if it never does.</summary>
    public async Task WaitForTextAsync(string css, string text)
    {
        try
        {
            await WaitUntilAsync($"{css} to contain \"{text}\"", "const e = document.querySelector(arguments[0]); return !!e && e.textContent.includes(arguments[1]);", css, text);
        }
        catch (TimeoutException e)
        {
            var now = await ExecuteAsync("const e = document.querySelector(arguments[0]); return e ? e.textContent : '(no such element)';", css);
            throw new TimeoutException($"{e.Message} It reads: \"{now?.GetValue<string>().Trim()}\".", e);
        }
    }

    /// <summary>The viewport as PNG at <paramref name="path"/>.</summary>
    public async Task SaveScreenshotAsync(string path)
    {
        var png = (await CommandAsync(HttpMethod.Get, "screenshot"))?.GetValue<string>() ?? throw new InvalidOperationException("The screenshot came back empty.");
        await File.WriteAllBytesAsync(path, Convert.FromBase64String(png));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await CommandAsync(HttpMethod.Delete, "");
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TaskCanceledException)
        {
            // The browser is gone already; the driver's process is ended by its owner anyway.
        }

        _http.Dispose();
    }

    private async Task<string> FindAsync(string css) =>
        ElementId(await CommandAsync(HttpMethod.Post, "element", new JsonObject { ["using"] = "css selector", ["value"] = css }));

    private static string ElementId(JsonNode? element) =>
        element?[ElementKey]?.GetValue<string>() ?? throw new InvalidOperationException("Not a web element: " + element?.ToJsonString());

    private Task<JsonNode?> CommandAsync(HttpMethod method, string path, JsonObject? body = null) =>
        SendAsync(_http, method, path.Length == 0 ? _session : _session + "/" + path, body);

    /// <summary>Sends one command and returns its "value", or throws with the driver's error and message (WebDriver §6.6).</summary>
    private static async Task<JsonNode?> SendAsync(HttpClient http, HttpMethod method, string path, JsonObject? body)
    {
        using var request = new HttpRequestMessage(method, path);
        if (method == HttpMethod.Post)
        {
            // Every POST carries a JSON object, if only an empty one (WebKitWebDriver rejects none).
            request.Content = JsonContent.Create(body ?? []);
        }

        using var response = await http.SendAsync(request);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        var value = json?["value"];
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"WebDriver {method} /{path} failed ({(int)response.StatusCode}): {value?["error"]} — {value?["message"]}");
        }

        return value;
    }
}
