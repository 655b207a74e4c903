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

    /// <summary>
    /// The tool with its lifecycle as it stands on <paramref name="today"/>; the same tool when nothing changes.
    /// Open weights do not expire: a shutdown date on a model is its vendor's hosted service going away,
    /// so once it passes the model stays deprecated (the weights still download), never retired.
    /// </summary>
    public static Tool AsOf(Tool tool, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(tool);
        if (tool.Facts.Lifecycle is not { } recorded)
        {
            return tool;
        }

        var now = Effective(recorded.Value, today);
        if (tool.Kind == "model" && now.Status == LifecycleStatus.Retired && recorded.Value.Status != LifecycleStatus.Retired)
        {
            now = now with { Status = LifecycleStatus.Deprecated };
        }

        return now == recorded.Value ? tool : tool with { Facts = tool.Facts with { Lifecycle = recorded with { Value = now } } };
    }
}
