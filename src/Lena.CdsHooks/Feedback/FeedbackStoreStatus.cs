namespace Lena.CdsHooks.Feedback;

public enum FeedbackStoreStatus
{
    /// <summary>The item was new and is now stored.</summary>
    Stored = 1,

    /// <summary>The identical item was stored before (a repeated post); nothing changed.</summary>
    AlreadyStored,
}
