using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Lena.Clinical.Contract;
using Lena.Clinical.Contract.Responses;
using Lena.Clinical.Rules;
using Lena.Clinical.Tests.Dosing.Support;

namespace Lena.Clinical.Tests.Assessment;

/// <summary>
/// Responses are written by source-generated code (<see cref="ResponseJson"/>, issue 15); the bytes must be
/// exactly those of the reflection-based serializer with <see cref="LenaJson.Options"/>, which every earlier
/// answer, the CLI's expected outputs and the OpenAPI examples were made with.
/// </summary>
public class ResponseJsonTests
{
    private static readonly Concern[] Concerns = Enum.GetValues<Concern>();

    /// <summary>Every concern's answer to one request, compared byte for byte; returns how many were 200.</summary>
    private static int AssertSameBytes(byte[] request, DateOnly today, string what)
    {
        var answered = 0;
        foreach (var concern in Concerns)
        {
            var answer = ClinicalAnswer.For(concern, request, RuleSetDocument.Default, today);
            if (answer.Response is not { } response)
            {
                continue;
            }

            var reflection = JsonSerializer.SerializeToUtf8Bytes(response, response.GetType(), LenaJson.Options);
            Assert.True(reflection.AsSpan().SequenceEqual(answer.Body),
                $"{what}, {concern}: generated {System.Text.Encoding.UTF8.GetString(answer.Body)}\nreflection {System.Text.Encoding.UTF8.GetString(reflection)}");
            answered++;
        }

        return answered;
    }

    [Property(MaxTest = 300)]
    public Property GeneratedBytesEqualReflectionBytesForAnyDosingScenario() =>
        Prop.ForAll(DosingScenario.Arbitrary, scenario =>
        {
            var snapshot = scenario.ToSnapshot();
            AssertSameBytes(snapshot.ToBytes(), SnapshotBuilder.Today, snapshot.ToString());
        });

    [Fact]
    public void GeneratedBytesEqualReflectionBytesForTheSamplesAndThePanel()
    {
        var samples = Samples();
        var files = Directory.GetFiles(Path.Combine(samples, "panel"), "*.json").Append(Path.Combine(samples, "patient.json")).ToList();
        Assert.True(files.Count > 40, $"expected the sample panel under {samples}");

        // Two days: the panel's own dates (fresh counts) and months later (outdated counts: defer answers).
        var answered = 0;
        foreach (var file in files)
        {
            foreach (var today in new[] { new DateOnly(2026, 11, 26), new DateOnly(2027, 6, 1) })
            {
                answered += AssertSameBytes(File.ReadAllBytes(file), today, $"{Path.GetFileName(file)} on {today:yyyy-MM-dd}");
            }
        }

        Assert.True(answered > files.Count * Concerns.Length, $"only {answered} answers were 200");
    }

    /// <summary>The generated writer takes an enum's wire form from the enum type: an unmarked one would be a number.</summary>
    [Fact]
    public void EveryEnumAResponseCarriesIsWrittenAsCamelCaseString()
    {
        var seen = new HashSet<Type>();
        var pending = new Queue<Type>([typeof(AssessmentResponse), typeof(DosingResponse),
            typeof(MonitoringScheduleResponse), typeof(VteProphylaxisResponse), typeof(ContraindicationsResponse)]);
        var enums = new List<Type>();
        while (pending.TryDequeue(out var type))
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (!seen.Add(type) || type.IsPrimitive || type == typeof(string) || type == typeof(DateOnly))
            {
                continue;
            }

            if (type.IsEnum)
            {
                enums.Add(type);
                continue;
            }

            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
            {
                pending.Enqueue(type.GetGenericArguments()[0]);
                continue;
            }

            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                var ignore = (JsonIgnoreAttribute?)Attribute.GetCustomAttribute(property, typeof(JsonIgnoreAttribute));
                if (ignore is not { Condition: JsonIgnoreCondition.Always })
                {
                    pending.Enqueue(property.PropertyType);
                }
            }
        }

        Assert.True(enums.Count >= 10, $"found only {enums.Count} enums in the responses");
        foreach (var type in enums)
        {
            var converter = type.GetCustomAttributes(typeof(JsonConverterAttribute), inherit: false)
                .Cast<JsonConverterAttribute>().SingleOrDefault()?.ConverterType;
            Assert.True(converter == typeof(CamelCaseEnumConverter<>).MakeGenericType(type), $"{type.Name} needs [JsonConverter(typeof(CamelCaseEnumConverter<{type.Name}>))]");
        }
    }

    private static string Samples()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var samples = Path.Combine(dir.FullName, "samples");
            if (Directory.Exists(Path.Combine(samples, "panel")))
            {
                return samples;
            }
        }

        throw new DirectoryNotFoundException("samples/panel not found above " + AppContext.BaseDirectory);
    }
}
