using System.Collections.Immutable;
using Azure.Core.Serialization;
using Lena.Clinical.Contract;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace LenaFunctions.Tests.Support;

/// <summary>
/// A <see cref="FunctionContext"/> as the worker hands one to a function or a middleware, built with
/// Moq. Its <c>InstanceServices</c> hold <c>IOptions&lt;WorkerOptions&gt;</c> with a System.Text.Json
/// serializer (without it the worker's <c>ReadFromJsonAsync</c>/<c>WriteAsJsonAsync</c> throw "A
/// serializer is not configured for the worker"). Its features hold the bindings (where a
/// middleware's <c>GetInvocationResult().Value</c> lands) and, for an HTTP invocation, the
/// <see cref="IHttpRequestDataFeature"/> through which <c>GetHttpRequestDataAsync</c> finds the
/// request; <see cref="BindTrigger"/> makes a request the trigger input.
/// </summary>
public sealed class TestFunctionContext
{
    public const string TriggerName = "request";

    private readonly FunctionBindingsProxy _bindings = FunctionBindingsProxy.Create();
    private readonly Dictionary<Type, object> _features = [];
    private HttpRequestData? _request;

    private TestFunctionContext(string functionName, string triggerType, Type triggerParameterType, CancellationToken cancellationToken)
    {
        var services = new ServiceCollection();
        services.AddOptions<WorkerOptions>().Configure(o => o.Serializer = new JsonObjectSerializer(LenaJson.Options));
        Services = services.BuildServiceProvider();

        _features[FunctionBindingsProxy.FeatureType] = _bindings;
        if (triggerType == "httpTrigger")
        {
            _features[typeof(IHttpRequestDataFeature)] = HttpRequestDataFeature();
        }

        var context = new Mock<FunctionContext>();
        context.SetupGet(c => c.InvocationId).Returns(InvocationId);
        context.SetupGet(c => c.FunctionId).Returns(functionName + "-id");
        context.SetupGet(c => c.FunctionDefinition).Returns(Definition(functionName, triggerType, triggerParameterType));
        context.SetupGet(c => c.Features).Returns(Features());
        context.SetupGet(c => c.CancellationToken).Returns(cancellationToken);
        context.SetupProperty(c => c.InstanceServices, Services);
        context.SetupProperty(c => c.Items, new Dictionary<object, object>());
        Context = context.Object;
    }

    public FunctionContext Context { get; }

    public IServiceProvider Services { get; }

    public string InvocationId { get; } = Guid.NewGuid().ToString();

    /// <summary>The invocation's result: what a middleware set through <c>GetInvocationResult()</c>.</summary>
    public object? InvocationResult => _bindings.Result;

    /// <summary>An HTTP-triggered invocation of <paramref name="functionName"/>.</summary>
    public static TestFunctionContext ForHttp(string functionName = "Test", CancellationToken cancellationToken = default) =>
        new(functionName, "httpTrigger", typeof(HttpRequestData), cancellationToken);

    /// <summary>A timer-triggered invocation: no HTTP request to answer.</summary>
    public static TestFunctionContext ForTimer(string functionName = "Timer", CancellationToken cancellationToken = default) =>
        new(functionName, "timerTrigger", typeof(TimerInfo), cancellationToken);

    /// <summary>Makes <paramref name="request"/> the invocation's trigger input, as the worker binds it.</summary>
    public void BindTrigger(HttpRequestData request)
    {
        _request = request;
        _bindings.Inputs[TriggerName] = request;
    }

    private static FunctionDefinition Definition(string functionName, string triggerType, Type triggerParameterType)
    {
        var trigger = new Mock<BindingMetadata>();
        trigger.SetupGet(b => b.Name).Returns(TriggerName);
        trigger.SetupGet(b => b.Type).Returns(triggerType);
        trigger.SetupGet(b => b.Direction).Returns(BindingDirection.In);

        var definition = new Mock<FunctionDefinition>();
        definition.SetupGet(d => d.Name).Returns(functionName);
        definition.SetupGet(d => d.Id).Returns(functionName + "-id");
        definition.SetupGet(d => d.EntryPoint).Returns("LenaFunctions." + functionName + ".Run");
        definition.SetupGet(d => d.PathToAssembly).Returns(typeof(LenaFunctions.Http.ExceptionMiddleware).Assembly.Location);
        definition.SetupGet(d => d.Parameters).Returns([new FunctionParameter(TriggerName, triggerParameterType)]);
        definition.SetupGet(d => d.InputBindings).Returns(ImmutableDictionary<string, BindingMetadata>.Empty.Add(TriggerName, trigger.Object));
        definition.SetupGet(d => d.OutputBindings).Returns(ImmutableDictionary<string, BindingMetadata>.Empty);
        return definition.Object;
    }

    private IInvocationFeatures Features()
    {
        var features = new Mock<IInvocationFeatures>();
        features.Setup(f => f.Get<It.IsAnyType>())
            .Returns(new InvocationFunc(i => _features.GetValueOrDefault(i.Method.GetGenericArguments()[0])!));
        features.Setup(f => f.Set(It.IsAny<It.IsAnyType>()))
            .Callback(new InvocationAction(i => _features[i.Method.GetGenericArguments()[0]] = i.Arguments[0]!));
        features.Setup(f => f.GetEnumerator()).Returns(() => _features.GetEnumerator());
        return features.Object;
    }

    private IHttpRequestDataFeature HttpRequestDataFeature()
    {
        var feature = new Mock<IHttpRequestDataFeature>();
        feature.Setup(f => f.GetHttpRequestDataAsync(It.IsAny<FunctionContext>())).Returns(() => ValueTask.FromResult(_request));
        return feature.Object;
    }
}
