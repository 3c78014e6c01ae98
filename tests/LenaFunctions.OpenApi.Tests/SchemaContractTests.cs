using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Lena.Clinical.Contract;
using Lena.Clinical.Rules;
using Lena.Storage.Rules;
using LenaFunctions.Functions.Courses;

namespace LenaFunctions.OpenApi.Tests;

/// <summary>The schemas say what the code reads and writes: enum values, property names, required members, and the snapshot reader's known properties.</summary>
public class SchemaContractTests
{
    private static readonly Assembly[] AppAssemblies =
    [
        typeof(ClinicalAnswer).Assembly,
        typeof(IRuleStore).Assembly,
        typeof(Lena.Courses.CourseService).Assembly,
        typeof(Functions.Api.Fallback).Assembly,
        typeof(Lena.CdsHooks.CdsJson).Assembly,
    ];

    private static JsonElement Schemas => OpenApiSpec.Root.GetProperty("components").GetProperty("schemas");

    /// <summary>Enums that are string constants in code rather than C# enums, by where they stand.</summary>
    private static readonly Dictionary<string, string[]> ConstantEnums = new(StringComparer.Ordinal)
    {
        ["ProblemDetails.type"] = typeof(ProblemTypes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetRawConstantValue()!).ToArray(),
        ["CdsServiceDefinition.hook"] = [.. Lena.CdsHooks.Discovery.LenaCdsServices.All.Select(s => s.Hook)],
        ["CdsHooksServiceRequest.hook"] = [.. Lena.CdsHooks.Discovery.LenaCdsServices.All.Select(s => s.Hook)],
        ["CdsHooksContext.draftOrders.resourceType"] = ["Bundle"],
        ["Card.selectionBehavior"] = ["at-most-one", "any"],
        ["SuggestionAction.type"] = ["create", "update", "delete"],
        ["CdsFeedbackEntry.outcome"] = ["accepted", "overridden"],
        ["HealthResponse.status"] = ["healthy", "degraded", "unhealthy"],
        ["HealthResponse.unreachable"] = ["tableStorage", "ruleSet"],
        ["RuleAuditEntry.action"] = ["published", "activated"],
        ["FollowUpStatusFilter"] = FollowUpStatusFilters(),
        ["FollowUpStatus"] = [.. FollowUpStatusFilters().Where(s => s != "all")],
    };

    /// <summary>Request records of the course functions: the app reads them, and their C# <c>required</c> members are exactly the schema's <c>required</c>.</summary>
    private static readonly Type[] CourseRequests = [typeof(CompleteFollowUpRequest), typeof(StopCourseRequest), typeof(ChangeDoseRequest)];

    [Fact]
    public void Every_enum_lists_exactly_the_wire_names_of_its_csharp_enum()
    {
        var checkedEnums = 0;
        foreach (var (where, schema) in AllSchemas())
        {
            if (!schema.TryGetProperty("enum", out var values))
            {
                continue;
            }

            var names = values.EnumerateArray().Where(v => v.ValueKind != JsonValueKind.Null).Select(v => v.GetString()!).ToArray();
            string[] expected;
            if (schema.TryGetProperty("title", out var title))
            {
                var type = AppAssemblies.SelectMany(a => a.GetTypes()).SingleOrDefault(t => t.IsEnum && t.IsPublic && t.Name == title.GetString());
                Assert.True(type is not null, $"{where}: no public C# enum named {title.GetString()}.");
                expected = Enum.GetNames(type).Select(n => JsonNamingPolicy.CamelCase.ConvertName(n)).ToArray();
            }
            else
            {
                var key = ConstantEnums.Keys.SingleOrDefault(k => where.EndsWith(k.Replace(".", ".properties.", StringComparison.Ordinal), StringComparison.Ordinal)
                    || where.EndsWith(k.Replace(".", ".properties.", StringComparison.Ordinal) + ".items", StringComparison.Ordinal));
                Assert.True(key is not null, $"{where}: an enum needs a title naming its C# enum, or an entry in ConstantEnums.");
                expected = ConstantEnums[key];
            }

            Assert.True(expected.Order(StringComparer.Ordinal).SequenceEqual(names.Order(StringComparer.Ordinal)), $"{where}: documented [{string.Join(", ", names)}], code has [{string.Join(", ", expected)}].");
            Assert.Equal(schema.TryGetProperty("nullable", out var n) && n.GetBoolean(), values.EnumerateArray().Any(v => v.ValueKind == JsonValueKind.Null));
            checkedEnums++;
        }

        Assert.True(checkedEnums > 30, $"only {checkedEnums} enums found");
    }

    [Fact]
    public void Every_public_enum_the_wire_carries_has_a_component_schema()
    {
        Type[] wireEnums =
        [
            typeof(Lena.Clinical.Snapshot.Indication), typeof(Lena.Clinical.Snapshot.Sex), typeof(Lena.Clinical.Snapshot.TherapyStatus),
            typeof(Lena.Clinical.Snapshot.InterruptionCause), typeof(Lena.Clinical.Snapshot.DexamethasoneDose), typeof(Lena.Clinical.Snapshot.ConcomitantMedication),
            typeof(Lena.Clinical.Snapshot.DoseFrequency), typeof(Lena.Clinical.Snapshot.DoseSchedule), typeof(Lena.Clinical.Snapshot.VteRiskFactor),
            typeof(Lena.Clinical.Findings.Severity), typeof(Lena.Clinical.Dosing.DoseAction), typeof(DoseAdministration), typeof(Lena.Clinical.Derived.CreatinineClearanceSource),
            typeof(MonitoringTest), typeof(Lena.Clinical.Vte.ProphylaxisRecommendation), typeof(ContraindicationStatus),
        ];
        foreach (var type in wireEnums)
        {
            Assert.True(Schemas.TryGetProperty(type.Name, out _), $"components.schemas.{type.Name} is missing");
        }
    }

    /// <summary>
    /// Object schemas named after a C# type list exactly its JSON properties; for types the app only writes,
    /// <c>required</c> lists exactly the properties it always writes.
    /// </summary>
    [Fact]
    public void Object_schemas_named_after_a_csharp_type_have_its_properties()
    {
        string[] notTypes = ["PatientSnapshot", "RecordLabsRequest", "MonitoringScheduleRequest", "VteRiskFactorFlags", "OpenApiDocument",
            "CdsHooksServiceRequest", "CdsHooksContext", "CdsFhirAuthorization", "CdsFeedbackRequest", "CdsFeedbackEntry", "WhatIfRequest"];
        string[] readNamespaces = ["Lena.Clinical.Snapshot", "Lena.Clinical.Rules", "LenaFunctions.Http"];
        var checkedTypes = 0;
        foreach (var schema in Schemas.EnumerateObject().Where(s => s.Value.TryGetProperty("properties", out _) && !notTypes.Contains(s.Name)))
        {
            var type = AppAssemblies.SelectMany(a => a.GetTypes()).SingleOrDefault(t => t.IsPublic && !t.IsEnum && t.Name == schema.Name);
            Assert.True(type is not null, $"components.schemas.{schema.Name}: no public C# type of that name (add it to notTypes if it has none).");

            var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.GetIndexParameters().Length == 0 && p.GetCustomAttribute<JsonIgnoreAttribute>() is not { Condition: JsonIgnoreCondition.Always })
                .ToArray();
            var expected = properties.Select(JsonName).Order(StringComparer.Ordinal).ToArray();
            var documented = schema.Value.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();
            Assert.True(expected.SequenceEqual(documented), $"{schema.Name}: documented [{string.Join(", ", documented)}], {type.FullName} has [{string.Join(", ", expected)}].");

            if (CourseRequests.Contains(type))
            {
                var requiredMembers = properties.Where(p => p.GetCustomAttribute<System.Runtime.CompilerServices.RequiredMemberAttribute>() is not null).Select(JsonName).Order(StringComparer.Ordinal).ToArray();
                var required = schema.Value.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(x => x.GetString()!).Order(StringComparer.Ordinal).ToArray() : [];
                Assert.True(requiredMembers.SequenceEqual(required), $"{schema.Name}: required [{string.Join(", ", required)}], but {type.Name} requires [{string.Join(", ", requiredMembers)}].");
            }
            else if (!readNamespaces.Contains(type.Namespace))
            {
                var alwaysWritten = properties.Where(p => p.GetCustomAttribute<JsonIgnoreAttribute>() is null).Select(JsonName).Order(StringComparer.Ordinal).ToArray();
                var required = schema.Value.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(x => x.GetString()!).Order(StringComparer.Ordinal).ToArray() : [];
                Assert.True(alwaysWritten.SequenceEqual(required), $"{schema.Name}: required [{string.Join(", ", required)}], but the app always writes [{string.Join(", ", alwaysWritten)}].");
            }

            checkedTypes++;
        }

        Assert.True(checkedTypes > 40, $"only {checkedTypes} schemas were compared with their types");
    }

    [Fact]
    public void The_rule_set_schema_accepts_the_rule_set_the_app_writes()
    {
        var written = JsonSerializer.SerializeToElement(RuleSetDocument.Default, LenaJson.Options);

        var errors = OpenApiSpec.Validator.Validate(written, Schemas.GetProperty("RuleSet"));

        Assert.True(errors.Count == 0, string.Join('\n', errors));
    }

    public static TheoryData<string, string> SnapshotObjects() => new()
    {
        { "PatientSnapshot", string.Empty },
        { "MonitoringScheduleRequest", string.Empty },
        { "MonitoringScheduleRequest", "renal" },
        { "MonitoringScheduleRequest", "labs" },
        { "MonitoringScheduleRequest", "therapy" },
        { "MonitoringScheduleRequest", "regimen" },
        { "MonitoringScheduleRequest", "cytogenetics" },
        { "MonitoringScheduleRequest", "vteRiskFactors" },
        { "MonitoringScheduleRequest", "history" },
    };

    /// <summary>
    /// Asks the snapshot reader itself which properties it knows at each level (it lists them when it
    /// refuses an unknown one) and compares them with the schema, so neither can gain a property alone.
    /// </summary>
    [Theory]
    [MemberData(nameof(SnapshotObjects))]
    public void Snapshot_schema_properties_are_exactly_the_ones_the_reader_knows(string schemaName, string member)
    {
        const string Bogus = "zzzzzzzzzzzzzzzzzzzzzzzz";
        var schema = Schemas.GetProperty(schemaName);
        var body = new Dictionary<string, object> { ["indication"] = "multipleMyeloma", ["sex"] = "male" };
        if (member.Length == 0)
        {
            body[Bogus] = 1;
        }
        else
        {
            body[member] = new Dictionary<string, object> { [Bogus] = 1 };
            schema = OpenApiSpec.Validator.Deref(schema.GetProperty("properties").GetProperty(member));
        }

        var concern = schemaName == "PatientSnapshot" ? Concern.Dosing : Concern.MonitoringSchedule;
        var parsed = SnapshotParser.Parse(JsonSerializer.SerializeToUtf8Bytes(body), concern, RuleSetDocument.Default, OpenApiSpec.TodayDate);
        var path = member.Length == 0 ? Bogus : $"{member}.{Bogus}";
        var message = Assert.Single(parsed.Errors.ToDictionary()[path]);
        const string Marker = "Known: ";
        Assert.Contains(Marker, message, StringComparison.Ordinal);
        var known = message[(message.IndexOf(Marker, StringComparison.Ordinal) + Marker.Length)..].TrimEnd('.').Split(", ").ToHashSet(StringComparer.Ordinal);
        if (schemaName == "PatientSnapshot")
        {
            // The reader reads horizonDays everywhere; only monitoring-schedule and assessments accept it.
            Assert.True(known.Remove("horizonDays"));
        }

        var documented = schema.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        Assert.True(known.SetEquals(documented), $"{schemaName} {member}: reader knows [{string.Join(", ", known.Order(StringComparer.Ordinal))}], schema has [{string.Join(", ", documented.Order(StringComparer.Ordinal))}].");
        Assert.False(schema.GetProperty("additionalProperties").GetBoolean());
    }

    [Theory]
    [InlineData(Concern.Dosing, false)]
    [InlineData(Concern.VteProphylaxis, false)]
    [InlineData(Concern.Contraindications, false)]
    [InlineData(Concern.MonitoringSchedule, true)]
    [InlineData(Concern.Assessment, true)]
    public void HorizonDays_is_accepted_exactly_where_the_request_schema_has_it(Concern concern, bool accepted)
    {
        var operation = OpenApiSpec.Operations().Single(o => OpenApiSpec.ConcernOf(o.Operation) == concern).Operation;
        var schema = OpenApiSpec.Validator.Deref(operation.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema"));
        Assert.Equal(accepted, schema.GetProperty("properties").TryGetProperty("horizonDays", out _));

        var body = Encoding.UTF8.GetBytes("""{"indication":"multipleMyeloma","sex":"male","horizonDays":30}""");
        var parsed = SnapshotParser.Parse(body, concern, RuleSetDocument.Default, OpenApiSpec.TodayDate);
        Assert.Equal(!accepted, parsed.Errors.Has("horizonDays"));
    }

    [Fact]
    public void Required_snapshot_values_are_the_ones_the_reader_refuses_to_default()
    {
        var parsed = SnapshotParser.Parse("{}"u8.ToArray(), Concern.Contraindications, RuleSetDocument.Default, OpenApiSpec.TodayDate);

        var refused = parsed.Errors.ToDictionary().Keys.Order(StringComparer.Ordinal).ToArray();
        foreach (var name in new[] { "PatientSnapshot", "MonitoringScheduleRequest" })
        {
            var required = Schemas.GetProperty(name).GetProperty("required").EnumerateArray().Select(r => r.GetString()!).Order(StringComparer.Ordinal).ToArray();
            Assert.Equal(refused, required);
        }
    }

    /// <summary>The status filters ListFollowUps accepts, read from the function itself.</summary>
    private static string[] FollowUpStatusFilters() =>
        (string[])typeof(ListFollowUps).GetField("Statuses", BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;

    private static string JsonName(PropertyInfo property) =>
        property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name);

    /// <summary>Every schema object in the document with where it stands (components, inline, nested).</summary>
    private static List<(string Where, JsonElement Schema)> AllSchemas()
    {
        var found = new List<(string Where, JsonElement Schema)>();
        Walk(OpenApiSpec.Root.GetProperty("components").GetProperty("schemas"), "components.schemas", isMap: true);
        foreach (var (path, method, operation) in OpenApiSpec.Operations())
        {
            FindSchemas(operation, $"{method} {path}");
        }

        return found;

        void FindSchemas(JsonElement node, string where)
        {
            if (node.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in node.EnumerateObject())
                {
                    if (property.Name == "schema")
                    {
                        Walk(property.Value, $"{where}.schema", isMap: false);
                    }
                    else if (property.Name is not ("example" or "examples"))
                    {
                        FindSchemas(property.Value, $"{where}.{property.Name}");
                    }
                }
            }
            else if (node.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in node.EnumerateArray())
                {
                    FindSchemas(item, where);
                }
            }
        }

        void Walk(JsonElement schema, string where, bool isMap)
        {
            if (isMap)
            {
                foreach (var entry in schema.EnumerateObject())
                {
                    Walk(entry.Value, $"{where}.{entry.Name}", isMap: false);
                }

                return;
            }

            if (schema.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            found.Add((where, schema));
            if (schema.TryGetProperty("properties", out var properties))
            {
                Walk(properties, $"{where}.properties", isMap: true);
            }

            if (schema.TryGetProperty("items", out var items))
            {
                Walk(items, $"{where}.items", isMap: false);
            }

            if (schema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.Object)
            {
                Walk(additional, $"{where}.additionalProperties", isMap: false);
            }

            if (schema.TryGetProperty("allOf", out var allOf))
            {
                var i = 0;
                foreach (var part in allOf.EnumerateArray())
                {
                    Walk(part, $"{where}.allOf[{i++}]", isMap: false);
                }
            }
        }
    }
}
