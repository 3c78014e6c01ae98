using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace LenaFunctions.Tests.Support;

/// <summary>
/// The worker's bindings feature for a test <see cref="FunctionContext"/>: the trigger's input data
/// (where <c>GetHttpRequestDataAsync</c> finds the request) and the invocation result (where a
/// middleware's <c>GetInvocationResult().Value = …</c> lands). The worker keeps that interface
/// internal, so it is implemented here at run time with <see cref="DispatchProxy"/>.
/// </summary>
public class FunctionBindingsProxy : DispatchProxy
{
    /// <summary>The worker's internal <c>IFunctionBindingsFeature</c>, found by name in the worker's core assembly.</summary>
    public static readonly Type FeatureType = typeof(FunctionContext).Assembly.GetType(
        "Microsoft.Azure.Functions.Worker.Context.Features.IFunctionBindingsFeature", throwOnError: true)!;

    /// <summary>Input data by binding name: the HTTP trigger's request under its parameter name.</summary>
    public Dictionary<string, object?> Inputs { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, object?> Metadata { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, object?> Outputs { get; } = new(StringComparer.Ordinal);

    /// <summary>What the function returned, or what a middleware set in its place.</summary>
    public object? Result { get; private set; }

    public static FunctionBindingsProxy Create() => (FunctionBindingsProxy)Create(FeatureType, typeof(FunctionBindingsProxy));

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        switch (targetMethod?.Name)
        {
            case "get_InputData":
                return Inputs;
            case "get_TriggerMetadata":
                return Metadata;
            case "get_OutputBindingData":
                return Outputs;
            case "get_OutputBindingsInfo":
                return null;
            case "get_InvocationResult":
                return Result;
            case "set_InvocationResult":
                Result = args![0];
                return null;
            default:
                throw new NotSupportedException($"The test bindings feature does not implement {targetMethod?.Name}.");
        }
    }
}
