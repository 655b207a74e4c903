namespace Shipwise.Core.Catalog;

/// <summary>
/// The one sentence a page puts in its lifecycle banner, e.g. "Retired on 31 Aug 2026: Mistral
/// Medium 3.5 replaces it." Null for an active tool, which needs no banner.
/// </summary>
public static class LifecycleNotice
{
    /// <param name="today">When given, a shutdown date that has passed (an open model whose hosted service is gone) is said in the past.</param>
    public static string? For(Lifecycle? lifecycle, string? successorName, DateOnly? today = null)
    {
        if (lifecycle is null || lifecycle.Status == LifecycleStatus.Active)
        {
            return null;
        }

        var replaced = successorName is { Length: > 0 } ? $" {successorName} replaces it." : "";
        return lifecycle.Status switch
        {
            LifecycleStatus.Retired => lifecycle.ShutdownDate is { } off
                ? $"Retired on {FactFormat.Date(off)}: it no longer works.{replaced}"
                : $"Retired: it no longer works.{replaced}",
            LifecycleStatus.Deprecated => lifecycle.ShutdownDate is { } off
                ? off <= today
                    ? $"Deprecated: the vendor's hosted service for it shut down on {FactFormat.Date(off)}; the weights still download.{replaced}"
                    : $"Deprecated: it shuts down on {FactFormat.Date(off)}.{replaced}"
                : $"Deprecated: the vendor has announced its end, with no shutdown date yet.{replaced}",
            LifecycleStatus.MaintenanceOnly => (lifecycle.DeprecationDate is { } since
                ? $"In maintenance since {FactFormat.Date(since)}: fixes only, no new features."
                : "In maintenance: fixes only, no new features.")
                + (successorName is { Length: > 0 } ? $" For a new project, look at {successorName}." : ""),
            LifecycleStatus.Preview => "Preview: the vendor may change or withdraw it; not covered by its usual terms.",
            LifecycleStatus.Unconfirmed => "Unconfirmed: no public source supports this name. Nothing here is presented as fact.",
            _ => null,
        };
    }

    /// <summary>Whether a reader can still start using it: retired and unconfirmed tools cannot be picked.</summary>
    public static bool CanBePicked(Lifecycle? lifecycle) =>
        lifecycle?.Status is not (LifecycleStatus.Retired or LifecycleStatus.Unconfirmed);
}
