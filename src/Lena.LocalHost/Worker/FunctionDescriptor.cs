namespace Lena.LocalHost.Worker;

/// <summary>
/// A function as the host loads it: the id every invocation names, where its code is, and its
/// bindings (the trigger first among them).
/// </summary>
public sealed record FunctionDescriptor(
    string Id,
    string Name,
    string ScriptFile,
    string EntryPoint,
    string Language,
    IReadOnlyList<FunctionBinding> Bindings,
    IReadOnlyList<string> RawBindings)
{
    public FunctionBinding Trigger =>
        Bindings.FirstOrDefault(b => b.IsTrigger)
        ?? throw new InvalidOperationException($"Function {Name} has no trigger binding.");

    public bool IsHttp => Trigger.IsType("httpTrigger");

    public bool IsTimer => Trigger.IsType("timerTrigger");

    public bool IsQueue => Trigger.IsType("queueTrigger");
}
