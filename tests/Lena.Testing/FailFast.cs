using Azure.Data.Tables;

namespace Lena.Testing;

/// <summary>Storage client options for tests: no retries and a short network timeout, so a stopped Azurite fails a call at once.</summary>
public static class FailFast
{
    public static TableClientOptions Tables()
    {
        var options = new TableClientOptions();
        options.Retry.MaxRetries = 0;
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(2);
        return options;
    }
}
