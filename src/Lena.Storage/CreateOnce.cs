using Azure;
using Azure.Data.Tables;

namespace Lena.Storage;

/// <summary>
/// Creates a table or queue on first use and remembers it, so a normal request costs no create
/// call; when storage later reports it gone (404 TableNotFound / QueueNotFound: storage wiped, an
/// in-memory Azurite restarted, a table deleted by hand) <see cref="RunAsync{T}"/> creates it again
/// and retries the operation once, so the app heals without a restart.
/// </summary>
public sealed class CreateOnce(Func<CancellationToken, Task> create)
{
    private int _created;

    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _created) == 1)
        {
            return;
        }

        await create(cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _created, 1);
    }

    public void Reset() => Volatile.Write(ref _created, 0);

    /// <summary>Runs <paramref name="operation"/> on the resource, re-creating it and retrying once when it is missing.</summary>
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        await EnsureAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await operation(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsMissing(ex))
        {
            Reset();
            await EnsureAsync(cancellationToken).ConfigureAwait(false);
            return await operation(cancellationToken).ConfigureAwait(false);
        }
    }

    public Task RunAsync(Func<CancellationToken, Task> operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return RunAsync(async ct =>
        {
            await operation(ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    /// <summary>The table or queue itself is missing (not an entity or message in it).</summary>
    public static bool IsMissing(Exception ex) => ex switch
    {
        TableTransactionFailedException { Status: 404, ErrorCode: "TableNotFound" } => true,
        RequestFailedException { Status: 404, ErrorCode: "TableNotFound" or "QueueNotFound" } => true,
        _ => false,
    };
}
