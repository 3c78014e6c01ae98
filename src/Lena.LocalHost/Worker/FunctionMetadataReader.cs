using System.Text.Json;
using Lena.LocalHost.Rpc.Messages;

namespace Lena.LocalHost.Worker;

/// <summary>
/// Builds <see cref="FunctionDescriptor"/>s from the worker's own indexing (the
/// <c>FunctionMetadataResponse</c>) or, when the worker asks the host to index, from the build's
/// <c>functions.metadata</c> file.
/// </summary>
public static class FunctionMetadataReader
{
    public const string MetadataFileName = "functions.metadata";
    private const string DefaultLanguage = "dotnet-isolated";

    internal static IReadOnlyList<FunctionDescriptor> FromWorker(IEnumerable<RpcFunctionMetadata> results)
    {
        var functions = new List<FunctionDescriptor>();
        foreach (var metadata in results)
        {
            var raw = metadata.RawBindings.ToArray();
            functions.Add(new FunctionDescriptor(
                string.IsNullOrEmpty(metadata.FunctionId) ? metadata.Name : metadata.FunctionId,
                metadata.Name,
                metadata.ScriptFile,
                metadata.EntryPoint,
                string.IsNullOrEmpty(metadata.Language) ? DefaultLanguage : metadata.Language,
                raw.Select(FunctionBinding.Parse).ToArray(),
                raw));
        }

        return functions;
    }

    public static IReadOnlyList<FunctionDescriptor> FromFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var functions = new List<FunctionDescriptor>();
        foreach (var function in document.RootElement.EnumerateArray())
        {
            var name = function.GetProperty("name").GetString()!;
            var bindings = function.GetProperty("bindings").EnumerateArray().Select(b => b.Clone()).ToArray();
            functions.Add(new FunctionDescriptor(
                name,
                name,
                function.TryGetProperty("scriptFile", out var script) ? script.GetString() ?? string.Empty : string.Empty,
                function.TryGetProperty("entryPoint", out var entry) ? entry.GetString() ?? string.Empty : string.Empty,
                function.TryGetProperty("language", out var language) ? language.GetString() ?? DefaultLanguage : DefaultLanguage,
                bindings.Select(FunctionBinding.FromElement).ToArray(),
                bindings.Select(b => b.GetRawText()).ToArray()));
        }

        return functions;
    }

    /// <summary>The load request for one function: its id, code location and bindings by name.</summary>
    internal static FunctionLoadRequest ToLoadRequest(FunctionDescriptor function, string appDirectory)
    {
        var metadata = new RpcFunctionMetadata
        {
            Name = function.Name,
            FunctionId = function.Id,
            Directory = appDirectory,
            ScriptFile = function.ScriptFile,
            EntryPoint = function.EntryPoint,
            Language = function.Language,
        };
        metadata.RawBindings.Add(function.RawBindings);
        foreach (var binding in function.Bindings)
        {
            metadata.Bindings[binding.Name] = new BindingInfo
            {
                Type = binding.Type,
                Direction = binding.Direction.ToUpperInvariant() switch
                {
                    "OUT" => BindingInfo.Types.Direction.Out,
                    "INOUT" => BindingInfo.Types.Direction.Inout,
                    _ => BindingInfo.Types.Direction.In,
                },
            };
        }

        return new FunctionLoadRequest { FunctionId = function.Id, Metadata = metadata };
    }
}
