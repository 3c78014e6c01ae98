using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Lena.Clinical.Contract.Responses;

namespace Lena.Clinical.Contract;

/// <summary>
/// Writes a clinical response with source-generated serialization code (<see cref="ResponseJsonContext"/>):
/// the same bytes as <c>JsonSerializer.SerializeToUtf8Bytes(response, response.GetType(), LenaJson.Options)</c>,
/// without the reflection-based converters walking the object graph (issue 15: the response's serialization
/// was the largest single item of an assessment in the worker's CPU samples).
/// </summary>
public static class ResponseJson
{
    /// <summary>
    /// <see cref="LenaJson.Options"/>' encoder and layout. The generated code runs only with the context's own
    /// options, which cannot name an encoder, so the encoder comes with the writer (it escapes every string value;
    /// property names are ASCII camelCase, the same under any encoder).
    /// </summary>
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        SkipValidation = true,
    };

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>The response as UTF-8 JSON, byte for byte as <see cref="LenaJson.Options"/> writes it.</summary>
    public static byte[] Serialize(EvaluationResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var typeInfo = ResponseJsonContext.Default.GetTypeInfo(response.GetType())
            ?? throw new InvalidOperationException($"{response.GetType().Name} is not in {nameof(ResponseJsonContext)}.");

        // One buffer and writer per thread, reused: serialization is synchronous and never re-entered.
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(16 * 1024);
        buffer.ResetWrittenCount();
        var writer = t_writer;
        if (writer is null)
        {
            writer = t_writer = new Utf8JsonWriter(buffer, WriterOptions);
        }
        else
        {
            writer.Reset(buffer);
        }

        try
        {
            JsonSerializer.Serialize(writer, response, typeInfo);
            writer.Flush();
            return buffer.WrittenSpan.ToArray();
        }
        finally
        {
            // A buffer grown by an unusually large answer is not kept for the thread's lifetime.
            if (buffer.Capacity > 256 * 1024)
            {
                t_buffer = null;
                t_writer = null;
            }
        }
    }
}

/// <summary>
/// <see cref="LenaJson.Options"/> as generation options: camelCase names, strict numbers, nullable annotations
/// respected; enums as camelCase strings through <see cref="CamelCaseEnumConverter{TEnum}"/> on each enum type
/// (options that list a converter make the runtime refuse the generated code). Serialization only: requests are
/// read by <see cref="SnapshotParser"/>; without metadata, a type the generated code cannot write fails loudly
/// rather than being written differently.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    NumberHandling = JsonNumberHandling.Strict,
    RespectNullableAnnotations = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    GenerationMode = JsonSourceGenerationMode.Serialization)]
[JsonSerializable(typeof(AssessmentResponse))]
[JsonSerializable(typeof(DosingResponse))]
[JsonSerializable(typeof(MonitoringScheduleResponse))]
[JsonSerializable(typeof(VteProphylaxisResponse))]
[JsonSerializable(typeof(ContraindicationsResponse))]
internal sealed partial class ResponseJsonContext : JsonSerializerContext;
