using Azure.Data.Tables;

namespace Lena.CdsHooks.Storage;

/// <summary>The table clients for used token ids (<c>LenaCdsTokens</c>) and card feedback (<c>LenaCdsFeedback</c>), named by configuration.</summary>
public sealed record CdsHooksTables(TableClient Tokens, TableClient Feedback);
