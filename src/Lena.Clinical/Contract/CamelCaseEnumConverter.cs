using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lena.Clinical.Contract;

/// <summary>
/// An enum on the wire: its camelCase member name, never a number (API.md). <see cref="LenaJson.Options"/> says the
/// same for every enum (a converter in the options wins over this attribute); the source-generated response writer
/// (<see cref="ResponseJsonContext"/>) takes it from the enum type, so every enum a response carries is marked with it.
/// </summary>
public sealed class CamelCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.CamelCase, allowIntegerValues: false)
    where TEnum : struct, Enum;
