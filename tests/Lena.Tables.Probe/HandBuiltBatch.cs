using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Data.Tables.Sas;

namespace Lena.Tables.Probe;

/// <summary>
/// A measurement prototype, not used by the app: one entity-group transaction of inserts, its multipart body written
/// straight into one buffer (Utf8JsonWriter for each row) and sent through an Azure.Core pipeline built from public API
/// (here authorised by an account SAS from <see cref="TableServiceClient.GenerateSasUri(TableAccountSasPermissions, TableAccountSasResourceTypes, DateTimeOffset)"/>;
/// in Azure it would be a <c>BearerTokenAuthenticationPolicy</c> with the storage scope). The answer is checked for a
/// first sub-response of 2xx only — what a real writer would add (error mapping, the table created on first use) is not here.
/// </summary>
internal sealed class HandBuiltBatch
{
    private readonly HttpPipeline _pipeline = HttpPipelineBuilder.Build(new TableClientOptions());
    private readonly string _tableUrl;
    private readonly Uri _batchUri;

    public HandBuiltBatch(TableServiceClient service, TableClient table)
    {
        var sas = service.GenerateSasUri(TableAccountSasPermissions.Add | TableAccountSasPermissions.Update | TableAccountSasPermissions.Delete | TableAccountSasPermissions.Write, TableAccountSasResourceTypes.All, DateTimeOffset.UtcNow.AddHours(2));
        _tableUrl = table.Uri.GetLeftPart(UriPartial.Path);
        _batchUri = new Uri(_tableUrl[.._tableUrl.LastIndexOf('/')] + "/$batch" + sas.Query);
    }

    public async Task AddAsync(IReadOnlyList<TableEntity> rows, CancellationToken cancellationToken)
    {
        var batch = "batch_" + Guid.NewGuid().ToString("D");
        var changeset = "changeset_" + Guid.NewGuid().ToString("D");
        var body = new ArrayBufferWriter<byte>(rows.Count * 900);
        Write(body, "--" + batch + "\r\nContent-Type: multipart/mixed; boundary=" + changeset + "\r\n\r\n");
        var subRequest = "--" + changeset + "\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\nPOST " + _tableUrl
            + " HTTP/1.1\r\nAccept: application/json;odata=minimalmetadata\r\nContent-Type: application/json\r\nPrefer: return-no-content\r\nDataServiceVersion: 3.0\r\n\r\n";
        using (var json = new Utf8JsonWriter(body))
        {
            foreach (var row in rows)
            {
                Write(body, subRequest);
                json.Reset(body);
                WriteEntity(json, row);
                json.Flush();
                Write(body, "\r\n");
            }
        }

        Write(body, "--" + changeset + "--\r\n--" + batch + "--\r\n");
        using var message = _pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Post;
        message.Request.Uri.Reset(_batchUri);
        message.Request.Headers.Add("x-ms-version", "2019-02-02");
        message.Request.Headers.Add("DataServiceVersion", "3.0");
        message.Request.Headers.Add("Accept", "application/json");
        message.Request.Headers.Add("Content-Type", "multipart/mixed; boundary=" + batch);
        message.Request.Content = RequestContent.Create(body.WrittenMemory);
        await _pipeline.SendAsync(message, cancellationToken);
        var answer = message.Response.Content.ToMemory();
        var status = answer.Span.IndexOf("HTTP/1.1 "u8);
        if (message.Response.Status != 202 || status < 0 || answer.Span[status + 9] != (byte)'2')
        {
            throw new InvalidOperationException("the transaction failed: " + Encoding.UTF8.GetString(answer.Span));
        }
    }

    private static void WriteEntity(Utf8JsonWriter json, TableEntity row)
    {
        json.WriteStartObject();
        foreach (var (name, value) in row)
        {
            switch (value)
            {
                case null:
                    break; // Table storage does not store a null.
                case string text:
                    json.WriteString(name, text);
                    break;
                case int number:
                    json.WriteNumber(name, number);
                    break;
                case bool flag:
                    json.WriteBoolean(name, flag);
                    break;
                case double real:
                    json.WriteNumber(name, real);
                    json.WriteString(name + "@odata.type", "Edm.Double");
                    break;
                case DateTimeOffset time:
                    json.WriteString(name, time.UtcDateTime.ToString("o", CultureInfo.InvariantCulture));
                    json.WriteString(name + "@odata.type", "Edm.DateTime");
                    break;
                default:
                    throw new NotSupportedException("the prototype writes strings, numbers, booleans and times, not " + value.GetType().Name);
            }
        }

        json.WriteEndObject();
    }

    private static void Write(ArrayBufferWriter<byte> body, string text) =>
        body.Advance(Encoding.UTF8.GetBytes(text, body.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length))));
}
