namespace LenaFunctions.Functions.CdsHooks;

/// <summary>The answer to a feedback post: how many items were new and how many had been stored before.</summary>
public sealed record CdsFeedbackReceipt(int Stored, int AlreadyStored);
