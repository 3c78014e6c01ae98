using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using Lena.LocalHost.Rpc.Messages;
using Microsoft.AspNetCore.Http.Extensions;

namespace Lena.LocalHost.Http;

/// <summary>
/// Turns an HTTP request into the worker's <c>RpcHttp</c> invocation and its answer back into
/// the HTTP response, in the shapes the worker reads: headers in <c>nullable_headers</c> with
/// lower-case names, the body only as bytes, route values as string trigger metadata, a trace
/// context always set, and a response status code as a string.
/// </summary>
internal static class HttpInvocationMapper
{
    public static InvocationRequest ToInvocation(HttpContext context, string triggerParameter, string functionId, IReadOnlyDictionary<string, string> routeValues, byte[] body)
    {
        var request = context.Request;
        var http = new RpcHttp
        {
            Method = request.Method.ToUpperInvariant(),
            Url = request.GetEncodedUrl(),
            Body = new TypedData { Bytes = ByteString.CopyFrom(body) },
        };

        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in request.Headers)
        {
            var lower = name.ToLowerInvariant();
            var value = values.ToString();
            headers[lower] = value;
            http.NullableHeaders[lower] = new NullableString { Value = value };
        }

        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in request.Query)
        {
            query[name] = values.ToString();
            http.NullableQuery[name] = new NullableString { Value = values.ToString() };
        }

        var invocation = new InvocationRequest
        {
            InvocationId = Guid.NewGuid().ToString(),
            FunctionId = functionId,
            TraceContext = new RpcTraceContext { TraceParent = TraceParent(request) },
        };
        invocation.InputData.Add(new ParameterBinding { Name = triggerParameter, Data = new TypedData { Http = http } });
        foreach (var (name, value) in routeValues)
        {
            http.NullableParams[name] = new NullableString { Value = value };
            invocation.TriggerMetadata[name] = new TypedData { String = value };
        }

        invocation.TriggerMetadata["Query"] = new TypedData { Json = JsonSerializer.Serialize(query) };
        invocation.TriggerMetadata["Headers"] = new TypedData { Json = JsonSerializer.Serialize(headers) };
        return invocation;
    }

    /// <summary>The function's HTTP result: the <c>$return</c> value, or an output binding carrying <c>http</c>.</summary>
    public static RpcHttp? HttpResult(InvocationResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.ReturnValue?.DataCase == TypedData.DataOneofCase.Http)
        {
            return response.ReturnValue.Http;
        }

        return response.OutputData.Select(o => o.Data).FirstOrDefault(d => d?.DataCase == TypedData.DataOneofCase.Http)?.Http;
    }

    public static async Task WriteAsync(HttpContext context, RpcHttp result, CancellationToken cancellationToken)
    {
        var response = context.Response;
        response.StatusCode = string.IsNullOrEmpty(result.StatusCode)
            ? StatusCodes.Status200OK
            : int.Parse(result.StatusCode, NumberStyles.Integer, CultureInfo.InvariantCulture);

        foreach (var (name, value) in result.Headers)
        {
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) || name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            response.Headers.Append(name, value);
        }

        foreach (var cookie in result.Cookies)
        {
            var text = new StringBuilder($"{cookie.Name}={cookie.Value}");
            if (cookie.Path?.StringCase == NullableString.StringOneofCase.Value)
            {
                text.Append("; path=").Append(cookie.Path.Value);
            }

            if (cookie.Domain?.StringCase == NullableString.StringOneofCase.Value)
            {
                text.Append("; domain=").Append(cookie.Domain.Value);
            }

            response.Headers.Append("Set-Cookie", text.ToString());
        }

        var body = BodyBytes(result.Body);
        if (body.Length > 0 && !HttpMethods.IsHead(context.Request.Method))
        {
            response.ContentLength = body.Length;
            await response.Body.WriteAsync(body, cancellationToken).ConfigureAwait(false);
        }
    }

    private static ReadOnlyMemory<byte> BodyBytes(TypedData? body) => body?.DataCase switch
    {
        TypedData.DataOneofCase.Bytes => body.Bytes.Memory,
        TypedData.DataOneofCase.Stream => body.Stream.Memory,
        TypedData.DataOneofCase.String => Encoding.UTF8.GetBytes(body.String),
        TypedData.DataOneofCase.Json => Encoding.UTF8.GetBytes(body.Json),
        TypedData.DataOneofCase.Int => Encoding.UTF8.GetBytes(body.Int.ToString(CultureInfo.InvariantCulture)),
        TypedData.DataOneofCase.Double => Encoding.UTF8.GetBytes(body.Double.ToString(CultureInfo.InvariantCulture)),
        _ => ReadOnlyMemory<byte>.Empty,
    };

    /// <summary>The caller's W3C <c>traceparent</c> when it sent a valid one, else a new trace.</summary>
    private static string TraceParent(HttpRequest request)
    {
        if (request.Headers.TryGetValue("traceparent", out var incoming) && ActivityContext.TryParse(incoming.ToString(), null, out _))
        {
            return incoming.ToString();
        }

        return $"00-{ActivityTraceId.CreateRandom().ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01";
    }
}
