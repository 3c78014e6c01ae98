namespace Lena.Delivery;

public enum DeliveryStatus
{
    /// <summary>The receiver answered 2xx.</summary>
    Delivered,

    /// <summary>The care team has no webhook registered.</summary>
    NoWebhook,

    /// <summary>The receiver answered something other than 2xx (a redirect included: none is followed).</summary>
    Rejected,

    /// <summary>No answer: connection refused, TLS failure, timeout, a non-public address refused.</summary>
    Unreachable,
}

/// <summary>What one delivery attempt did; <see cref="HttpStatus"/> when the receiver answered.</summary>
public sealed record DeliveryOutcome(DeliveryStatus Status, int? HttpStatus = null, string? Reason = null)
{
    public bool IsDelivered => Status == DeliveryStatus.Delivered;
}
