using Shipwise.Core.Catalog;

namespace Shipwise.Core.Panel.Scoring;

/// <summary>
/// The only view of a tool a scorer receives: its structured facts, never its name, tagline
/// or description. That is what makes a review immune to instructions hidden in prose.
/// </summary>
public sealed class FactView
{
    private readonly IReadOnlySet<FactName> _visible;

    private FactView(ToolFacts facts, SourcedFact<DateOnly>? release, IReadOnlySet<FactName> visible)
    {
        Facts = facts;
        Release = release;
        _visible = visible;
    }

    public ToolFacts Facts { get; }

    /// <summary>
    /// The release date as a fact. The catalog records no source for it, so it counts as the
    /// vendor's claim and cites the tool's own page.
    /// </summary>
    public SourcedFact<DateOnly>? Release { get; }

    public static FactView Of(Tool tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        var release = tool.ReleaseDate is { } date
            ? new SourcedFact<DateOnly>
            {
                Value = date,
                Source = tool.Links.ModelCard ?? tool.Links.Homepage ?? tool.Vendor.Url ?? "catalog entry",
                AsOf = date,
                Status = FactStatus.VendorClaim,
            }
            : null;
        return new FactView(tool.Facts, release, new HashSet<FactName>(FactNames.All));
    }

    public bool Has(FactName name) => _visible.Contains(name) && name switch
    {
        FactName.License => Facts.License is not null,
        FactName.OpenWeights => Facts.OpenWeights is not null,
        FactName.Parameters => Facts.Parameters is not null,
        FactName.InputModalities => Facts.InputModalities is not null,
        FactName.OutputModalities => Facts.OutputModalities is not null,
        FactName.ContextWindow => Facts.ContextWindow is not null,
        FactName.Pricing => Facts.Pricing is not null,
        FactName.DeploymentTargets => Facts.DeploymentTargets is not null,
        FactName.Runtimes => Facts.Runtimes is not null,
        FactName.Quantizations => Facts.Quantizations is not null,
        FactName.Evaluations => Facts.Evaluations.Count > 0,
        FactName.Competitors => Facts.Competitors is not null,
        FactName.DataResidency => Facts.DataResidency is not null,
        FactName.Certifications => Facts.Certifications is not null,
        FactName.UptimeSla => Facts.UptimeSla is not null,
        FactName.Support => Facts.Support is not null,
        FactName.ReleaseDate => Release is not null,
        _ => false,
    };

    /// <summary>The same tool with every fact outside <paramref name="names"/> hidden: a criterion sees only what its critic file lists.</summary>
    public FactView Only(IEnumerable<FactName> names)
    {
        var keep = new HashSet<FactName>(names);
        keep.IntersectWith(_visible);
        var f = Facts;
        var masked = new ToolFacts
        {
            License = keep.Contains(FactName.License) ? f.License : null,
            OpenWeights = keep.Contains(FactName.OpenWeights) ? f.OpenWeights : null,
            Parameters = keep.Contains(FactName.Parameters) ? f.Parameters : null,
            InputModalities = keep.Contains(FactName.InputModalities) ? f.InputModalities : null,
            OutputModalities = keep.Contains(FactName.OutputModalities) ? f.OutputModalities : null,
            ContextWindow = keep.Contains(FactName.ContextWindow) ? f.ContextWindow : null,
            Pricing = keep.Contains(FactName.Pricing) ? f.Pricing : null,
            DeploymentTargets = keep.Contains(FactName.DeploymentTargets) ? f.DeploymentTargets : null,
            Runtimes = keep.Contains(FactName.Runtimes) ? f.Runtimes : null,
            Quantizations = keep.Contains(FactName.Quantizations) ? f.Quantizations : null,
            Evaluations = keep.Contains(FactName.Evaluations) ? f.Evaluations : [],
            Competitors = keep.Contains(FactName.Competitors) ? f.Competitors : null,
            DataResidency = keep.Contains(FactName.DataResidency) ? f.DataResidency : null,
            Certifications = keep.Contains(FactName.Certifications) ? f.Certifications : null,
            UptimeSla = keep.Contains(FactName.UptimeSla) ? f.UptimeSla : null,
            Support = keep.Contains(FactName.Support) ? f.Support : null,
        };
        return new FactView(masked, keep.Contains(FactName.ReleaseDate) ? Release : null, keep);
    }
}
