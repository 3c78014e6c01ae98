using System.Diagnostics.CodeAnalysis;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Lena.Tables.Probe;

internal enum ReplayMode
{
    Off,
    Record,
    Replay,
    Empty,
}

/// <summary>
/// After authentication, in the table client's pipeline: records one <c>$batch</c> exchange, then, when asked, answers
/// every <c>$batch</c> from memory (Azurite's recorded answer, or an empty multipart) after writing the request body to
/// <see cref="Stream.Null"/> as a transport would to its socket — what is left is the SDK's own work.
/// </summary>
internal sealed class ReplayPolicy : HttpPipelinePolicy
{
    private const string EmptyContentType = "multipart/mixed; boundary=batchresponse_empty";
    private static readonly byte[] EmptyBody = "--batchresponse_empty--\r\n"u8.ToArray();
    private byte[] _recorded = [];
    private string _recordedContentType = "";

    public ReplayMode Mode { get; set; }

    public long RequestBytes { get; private set; }

    public long ResponseBytes => _recorded.Length;

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        throw new NotSupportedException("The probe is asynchronous.");

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ArgumentNullException.ThrowIfNull(message);
        var isBatch = message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal);
        if (isBatch && Mode is ReplayMode.Replay or ReplayMode.Empty)
        {
            await message.Request.Content!.WriteToAsync(Stream.Null, message.CancellationToken);
            message.Response = Mode == ReplayMode.Replay
                ? new ReplayedResponse(_recorded, _recordedContentType)
                : new ReplayedResponse(EmptyBody, EmptyContentType);
            return;
        }

        await ProcessNextAsync(message, pipeline);
        if (isBatch && Mode == ReplayMode.Record)
        {
            using var request = new MemoryStream();
            await message.Request.Content!.WriteToAsync(request, message.CancellationToken);
            RequestBytes = request.Length;
            using var response = new MemoryStream();
            await message.Response.ContentStream!.CopyToAsync(response);
            _recorded = response.ToArray();
            _recordedContentType = message.Response.Headers.ContentType!;
            message.Response.ContentStream = new MemoryStream(_recorded, writable: false);
        }
    }

    private sealed class ReplayedResponse(byte[] body, string contentType) : Response
    {
        public override int Status => 202;

        public override string ReasonPhrase => "Accepted";

        public override Stream? ContentStream { get; set; } = new MemoryStream(body, writable: false);

        public override string ClientRequestId { get; set; } = "";

        public override void Dispose()
        {
        }

        protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value)
        {
            value = name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase) ? contentType : null;
            return value is not null;
        }

        protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
        {
            values = TryGetHeader(name, out var value) ? [value] : null;
            return values is not null;
        }

        protected override bool ContainsHeader(string name) => TryGetHeader(name, out _);

        protected override IEnumerable<HttpHeader> EnumerateHeaders()
        {
            yield return new HttpHeader("Content-Type", contentType);
        }
    }
}
