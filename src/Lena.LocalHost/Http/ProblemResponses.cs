using System.Text.Json;

namespace Lena.LocalHost.Http;

/// <summary>The host's own error answers, as RFC 9457 <c>application/problem+json</c> like the app's.</summary>
internal static class ProblemResponses
{
    public const string MediaType = "application/problem+json; charset=utf-8";
    private const string TypeBase = "https://lenafunctions.dev/problems/host-";

    public static Task WriteAsync(HttpContext context, int status, string slug, string title, string detail)
    {
        ArgumentNullException.ThrowIfNull(context);
        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["type"] = TypeBase + slug,
            ["title"] = title,
            ["status"] = status,
            ["detail"] = detail,
        });
        context.Response.StatusCode = status;
        context.Response.ContentType = MediaType;
        context.Response.ContentLength = body.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }
}
