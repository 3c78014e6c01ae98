using System.Globalization;
using System.Text.Json;
using Azure.Storage.Queues.Models;
using Lena.LocalHost.Rpc.Messages;

namespace Lena.LocalHost.Queues;

/// <summary>
/// A queue message as the host hands it to the worker: the body (decoded per messageEncoding) as
/// a string bound to the trigger parameter, and the extension's binding data as trigger metadata —
/// <c>QueueTrigger</c>, <c>DequeueCount</c>, <c>Id</c>, <c>InsertionTime</c>, <c>ExpirationTime</c>,
/// <c>NextVisibleTime</c>, <c>PopReceipt</c> — so a function can bind <c>long dequeueCount</c> or
/// <c>DateTimeOffset insertionTime</c> beside the message.
/// </summary>
internal static class QueueTriggerInput
{
    public static void Fill(InvocationRequest request, string parameterName, QueueMessage message, string body)
    {
        request.InputData.Add(new ParameterBinding { Name = parameterName, Data = new TypedData { String = body } });
        var metadata = request.TriggerMetadata;
        metadata["QueueTrigger"] = new TypedData { String = body };
        // The worker takes numbers in trigger metadata only as JSON (TypedData.int is refused: "Int is not supported").
        metadata["DequeueCount"] = new TypedData { Json = message.DequeueCount.ToString(CultureInfo.InvariantCulture) };
        metadata["Id"] = new TypedData { String = message.MessageId };
        metadata["PopReceipt"] = new TypedData { String = message.PopReceipt };
        metadata["InsertionTime"] = Time(message.InsertedOn ?? DateTimeOffset.UtcNow);
        metadata["ExpirationTime"] = Time(message.ExpiresOn ?? DateTimeOffset.MaxValue);
        metadata["NextVisibleTime"] = Time(message.NextVisibleOn ?? DateTimeOffset.MaxValue);
    }

    /// <summary>A date as the host serialises non-string binding data: a JSON string.</summary>
    private static TypedData Time(DateTimeOffset value) =>
        new() { Json = JsonSerializer.Serialize(value.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture)) };
}
