namespace Lena.Clinical.Findings;

/// <summary>Ordered from least to most severe, so a comparison picks the worse one.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Contract.CamelCaseEnumConverter<Severity>))]
public enum Severity
{
    Info,
    Warning,
    Critical,
}
