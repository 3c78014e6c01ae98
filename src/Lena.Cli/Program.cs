using Lena.Cli;

return await LenaCommand.RunAsync(args, Console.OpenStandardInput(), Console.OpenStandardOutput(), Console.Error).ConfigureAwait(false);
