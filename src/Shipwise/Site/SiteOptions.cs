using System.ComponentModel.DataAnnotations;

namespace Shipwise.Site;

/// <summary>Site:* — how pages are cached and how fast a node notices content changes.</summary>
public sealed class SiteOptions
{
    public const string Section = "Site";

    /// <summary>How often a node checks whether the catalog, reviews or votes changed. 0 would spin a core; a negative value froze the watcher.</summary>
    [Range(100, 3_600_000, ErrorMessage = "Site:ChangePollMilliseconds must be between 100 and 3600000.")]
    public int ChangePollMilliseconds { get; set; } = 2000;

    /// <summary>Memory for whole cached pages.</summary>
    [Range(1, 1_048_576, ErrorMessage = "Site:CacheSizeMegabytes must be between 1 and 1048576.")]
    public int CacheSizeMegabytes { get; set; } = 256;
}
