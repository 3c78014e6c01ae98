using System.Text.Json;
using Lena.Clinical.Contract;

namespace Lena.CdsHooks.Requests;

/// <summary>
/// Reads a CDS Hooks request body, reporting every problem by JSON path (the API's 400 style).
/// Unknown top-level and context members are refused except the spec's <c>extension</c>, so a
/// misspelt prefetch key is never silently ignored.
/// </summary>
public static class CdsHookRequestParser
{
    private static readonly HashSet<string> TopLevel = ["hook", "hookInstance", "fhirServer", "fhirAuthorization", "context", "prefetch", "extension"];
    private static readonly HashSet<string> ContextMembers = ["userId", "patientId", "encounterId", "selections", "draftOrders", "extension"];
    private static readonly HashSet<string> AuthorizationMembers = ["access_token", "token_type", "expires_in", "scope", "subject", "patient"];

    public static (CdsHookRequest? Request, ValidationErrors Errors) Parse(ReadOnlyMemory<byte> body, string expectedHook, IEnumerable<string> prefetchKeys)
    {
        var errors = new ValidationErrors();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 128 });
        }
        catch (JsonException exception)
        {
            errors.Add("$", $"The body is not valid JSON ({exception.Message}).");
            return (null, errors);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                errors.Add("$", "The body must be a CDS Hooks request object.");
                return (null, errors);
            }

            RefuseUnknown(root, TopLevel, string.Empty, errors);
            var hook = RequiredString(root, "hook", "hook", errors);
            if (hook is not null && !string.Equals(hook, expectedHook, StringComparison.Ordinal))
            {
                errors.Add("hook", $"This service answers the '{expectedHook}' hook, not '{hook}'.");
            }

            var instanceText = RequiredString(root, "hookInstance", "hookInstance", errors);
            var instance = Guid.Empty;
            if (instanceText is not null && !Guid.TryParse(instanceText, out instance))
            {
                errors.Add("hookInstance", "hookInstance must be a UUID.");
            }

            var fhirServer = ReadFhirServer(root, errors);
            var authorization = ReadAuthorization(root, fhirServer, errors);
            var context = ReadContext(root, expectedHook, errors);
            var prefetch = ReadPrefetch(root, prefetchKeys.ToHashSet(StringComparer.Ordinal), errors);

            if (!errors.IsEmpty || hook is null || context is null)
            {
                return (null, errors);
            }

            return (new CdsHookRequest
            {
                Hook = hook,
                HookInstance = instance,
                FhirServer = fhirServer,
                FhirAuthorization = authorization,
                Context = context,
                Prefetch = prefetch,
            }, errors);
        }
    }

    private static Uri? ReadFhirServer(JsonElement root, ValidationErrors errors)
    {
        if (!root.TryGetProperty("fhirServer", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.String
            || !Uri.TryCreate(element.GetString(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)))
        {
            errors.Add("fhirServer", "fhirServer must be an absolute https URL (the base URL of the client's FHIR server).");
            return null;
        }

        return uri;
    }

    private static FhirAuthorization? ReadAuthorization(JsonElement root, Uri? fhirServer, ValidationErrors errors)
    {
        if (!root.TryGetProperty("fhirAuthorization", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add("fhirAuthorization", "fhirAuthorization must be an object (access_token, token_type, expires_in, scope, subject).");
            return null;
        }

        if (fhirServer is null)
        {
            errors.Add("fhirAuthorization", "fhirAuthorization is only meaningful with fhirServer; send both or neither.");
        }

        RefuseUnknown(element, AuthorizationMembers, "fhirAuthorization.", errors);
        var token = RequiredString(element, "access_token", "fhirAuthorization.access_token", errors);
        var type = RequiredString(element, "token_type", "fhirAuthorization.token_type", errors);
        if (type is not null && !string.Equals(type, "Bearer", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add("fhirAuthorization.token_type", "token_type must be 'Bearer'.");
        }

        var scope = RequiredString(element, "scope", "fhirAuthorization.scope", errors);
        var subject = RequiredString(element, "subject", "fhirAuthorization.subject", errors);
        var expiresIn = 0;
        if (!element.TryGetProperty("expires_in", out var expires) || expires.ValueKind != JsonValueKind.Number || !expires.TryGetInt32(out expiresIn) || expiresIn <= 0)
        {
            errors.Add("fhirAuthorization.expires_in", "expires_in is required: the token's lifetime in seconds, a positive integer.");
        }

        return token is null || type is null || scope is null || subject is null
            ? null
            : new FhirAuthorization(token, type, expiresIn, scope, subject);
    }

    private static CdsHookContext? ReadContext(JsonElement root, string hook, ValidationErrors errors)
    {
        if (!root.TryGetProperty("context", out var context) || context.ValueKind != JsonValueKind.Object)
        {
            errors.Add("context", "context is required: an object with userId, patientId and draftOrders.");
            return null;
        }

        RefuseUnknown(context, ContextMembers, "context.", errors);
        var userId = RequiredString(context, "userId", "context.userId", errors);
        var patientId = RequiredString(context, "patientId", "context.patientId", errors);
        string? encounterId = null;
        if (context.TryGetProperty("encounterId", out var encounter) && encounter.ValueKind != JsonValueKind.Null)
        {
            encounterId = encounter.ValueKind == JsonValueKind.String ? encounter.GetString() : null;
            if (encounterId is null)
            {
                errors.Add("context.encounterId", "encounterId must be a string.");
            }
        }

        var selections = ReadSelections(context, hook, errors);
        JsonElement draftOrders = default;
        if (!context.TryGetProperty("draftOrders", out draftOrders)
            || draftOrders.ValueKind != JsonValueKind.Object
            || !draftOrders.TryGetProperty("resourceType", out var type)
            || type.ValueKind != JsonValueKind.String
            || type.GetString() != "Bundle")
        {
            errors.Add("context.draftOrders", "draftOrders is required: a FHIR R4 Bundle of the draft orders.");
        }

        return userId is null || patientId is null || draftOrders.ValueKind != JsonValueKind.Object
            ? null
            : new CdsHookContext
            {
                UserId = userId,
                PatientId = patientId,
                EncounterId = encounterId,
                Selections = selections,
                DraftOrders = draftOrders.Clone(),
            };
    }

    private static List<string> ReadSelections(JsonElement context, string hook, ValidationErrors errors)
    {
        var selections = new List<string>();
        if (!context.TryGetProperty("selections", out var element))
        {
            if (hook == Discovery.LenaCdsServices.OrderSelectHook)
            {
                errors.Add("context.selections", "selections is required for order-select: the ids of the selected orders (\"MedicationRequest/123\").");
            }

            return selections;
        }

        if (element.ValueKind != JsonValueKind.Array || element.EnumerateArray().Any(item => item.ValueKind != JsonValueKind.String))
        {
            errors.Add("context.selections", "selections must be an array of strings (\"MedicationRequest/123\").");
            return selections;
        }

        selections.AddRange(element.EnumerateArray().Select(item => item.GetString()!));
        return selections;
    }

    private static Dictionary<string, JsonElement> ReadPrefetch(JsonElement root, HashSet<string> keys, ValidationErrors errors)
    {
        var prefetch = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (!root.TryGetProperty("prefetch", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return prefetch;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add("prefetch", "prefetch must be an object mapping each prefetch key to a FHIR resource or Bundle.");
            return prefetch;
        }

        foreach (var property in element.EnumerateObject())
        {
            var path = "prefetch." + property.Name;
            if (!keys.Contains(property.Name))
            {
                errors.Add(path, $"Unknown prefetch key; this service asks for {string.Join(", ", keys.Order(StringComparer.Ordinal))}.");
            }
            else if (property.Value.ValueKind == JsonValueKind.Object && property.Value.TryGetProperty("resourceType", out _))
            {
                prefetch[property.Name] = property.Value.Clone();
            }
            else if (property.Value.ValueKind != JsonValueKind.Null)
            {
                errors.Add(path, "A prefetch value must be a FHIR resource or Bundle (with resourceType), or null.");
            }
        }

        return prefetch;
    }

    private static string? RequiredString(JsonElement parent, string name, string path, ValidationErrors errors)
    {
        if (parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString()))
        {
            return value.GetString();
        }

        errors.Add(path, $"{name} is required: a non-empty string.");
        return null;
    }

    private static void RefuseUnknown(JsonElement element, HashSet<string> known, string prefix, ValidationErrors errors)
    {
        foreach (var property in element.EnumerateObject().Where(p => !known.Contains(p.Name)))
        {
            errors.Add(prefix + property.Name, $"Unknown member; expected one of {string.Join(", ", known)}.");
        }
    }
}
