using Lena.LocalHost.Worker;

namespace Lena.LocalHost.Tests.Worker;

public class WorkerLaunchSpecTests
{
    [Fact]
    public void LaunchesTheAppWithTheGrpcArgumentsAndDirectories()
    {
        var environment = WorkerLaunchSpec.BuildEnvironment("/app", new Dictionary<string, string> { ["Tables__connectionString"] = "x" });
        var spec = new WorkerLaunchSpec("dotnet", "/app", "/app/LenaFunctions.dll", new Uri("http://127.0.0.1:5000/"), "w-1", "r-1", environment);

        var info = spec.ToStartInfo();

        Assert.Equal(
            ["/app/LenaFunctions.dll", "--functions-uri", "http://127.0.0.1:5000/", "--functions-worker-id", "w-1", "--functions-request-id", "r-1", "--functions-grpc-max-message-length", "2147483647"],
            info.ArgumentList);
        Assert.Equal("/app", info.Environment["FUNCTIONS_APPLICATION_DIRECTORY"]);
        Assert.Equal("/app", info.Environment["FUNCTIONS_WORKER_DIRECTORY"]);
        Assert.Equal("x", info.Environment["Tables__connectionString"]);
        Assert.Equal("dotnet-isolated", info.Environment["FUNCTIONS_WORKER_RUNTIME"]);
        Assert.True(info.RedirectStandardError);
    }

    [Fact]
    public void ReadsFunctionMetadataFromTheBuildOutputFile()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, """
                [{ "name": "Dosing", "scriptFile": "LenaFunctions.dll", "entryPoint": "LenaFunctions.Dosing.Run", "language": "dotnet-isolated",
                   "bindings": [
                     { "name": "request", "direction": "In", "type": "httpTrigger", "authLevel": "Function", "methods": ["post"], "route": "dosing" },
                     { "name": "$return", "type": "http", "direction": "Out" } ] }]
                """);

            var function = Assert.Single(FunctionMetadataReader.FromFile(path));

            Assert.True(function.IsHttp);
            Assert.Equal("request", function.Trigger.Name);
            Assert.Equal("dosing", function.Trigger.Text("route"));
            var load = FunctionMetadataReader.ToLoadRequest(function, "/app");
            Assert.Equal(2, load.Metadata.Bindings.Count);
            Assert.Equal(2, load.Metadata.RawBindings.Count);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
