namespace Shipwise.Core.Catalog.Sources;

/// <summary>A lifecycle as it stands on a given day: a passed shutdown date means retired, a shutdown date ahead or a passed deprecation date deprecated.</summary>
public static class LifecycleRead
{
    public static Lifecycle Effective(Lifecycle lifecycle, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        if (lifecycle.Status is LifecycleStatus.Unconfirmed or LifecycleStatus.Retired)
        {
            return lifecycle;
        }

        if (lifecycle.ShutdownDate is { } off && off <= today)
        {
            return lifecycle with { Status = LifecycleStatus.Retired };
        }

        // A shutdown on the calendar is a deprecation, whatever the status still says.
        var announced = lifecycle.ShutdownDate is not null || lifecycle.DeprecationDate is { } since && since <= today;
        return lifecycle.Status is LifecycleStatus.Active or LifecycleStatus.Preview && announced
            ? lifecycle with { Status = LifecycleStatus.Deprecated }
            : lifecycle;
    }
}
