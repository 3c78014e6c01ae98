namespace Lena.Storage;

/// <summary>
/// Creates a table or queue on first use and remembers it, so a normal request costs no create
/// call; <see cref="Reset"/> forgets it when storage reports the resource gone.
/// </summary>
internal sealed class CreateOnce(Func<CancellationToken, Task> create)
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
}
