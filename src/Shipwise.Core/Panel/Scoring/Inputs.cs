using Shipwise.Core.Catalog;
using Shipwise.Core.Panel.Peers;

namespace Shipwise.Core.Panel.Scoring;

/// <summary>
/// What a scorer may look at: the tool's structured facts, kind and category (never its
/// tagline or description, which is what makes a review immune to instructions hidden in
/// prose), its peers, the review date, and a seed that varies wording per tool and critic.
/// The name is here only to be written into sentences; no score reads it.
/// </summary>
public sealed class ReviewInputs
{
    private readonly Tool _tool;

    public ReviewInputs(Tool tool, PeerSnapshot peers, DateOnly asOf, string seed)
    {
        ArgumentNullException.ThrowIfNull(tool);
        ArgumentNullException.ThrowIfNull(peers);
        _tool = tool;
        Name = ShortName(tool.Name);
        Peers = peers;
        AsOf = asOf;
        Seed = seed;
    }

    public ToolFacts Facts => _tool.Facts;

    public static string ShortName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var open = name.IndexOf(" (", StringComparison.Ordinal);
        return open > 0 && name.EndsWith(')') ? name[..open] : name;
    }

    public string Slug => _tool.Slug;

    /// <summary>For wording only, like <see cref="Name"/>.</summary>
    public string Vendor => ProseVendor(_tool.Vendor.Name);

    /// <summary>"Alibaba Cloud" for "Alibaba Cloud (Qwen team)", "Together Computer" for "Together Computer, Inc.".</summary>
    public static string ProseVendor(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var open = name.IndexOf(" (", StringComparison.Ordinal);
        var shorter = open > 0 ? name[..open] : name;
        foreach (var suffix in new[] { ", Inc.", " Inc.", " Systems Inc." })
        {
            if (shorter.EndsWith(suffix, StringComparison.Ordinal))
            {
                shorter = shorter[..^suffix.Length];
            }
        }

        return shorter;
    }

    /// <summary>
    /// For wording only: sentences name the tool they are about, by its name without a trailing
    /// parenthesis ("Qwen3" for "Qwen3 (2504 and 2507)").
    /// </summary>
    public string Name { get; } = string.Empty;

    public string Kind => _tool.Kind;

    public string Category => _tool.Category;

    public DateOnly? ReleaseDate => _tool.ReleaseDate;

    public PeerSnapshot Peers { get; }

    public DateOnly AsOf { get; }

    /// <summary>Tool and critic: picks among phrasings, the same way every time.</summary>
    public string Seed { get; }

    /// <summary>Image, video and speech tools: priced per unit, not per token.</summary>
    public bool IsMedia => Category is "image-generation" or "video-generation" or "speech-recognition" or "speech-synthesis";

    /// <summary>Tools that read and write text, so context, speed and API features apply.</summary>
    public bool IsText => Taxonomy.IsTextCategory(Category) || Category == "embedding-models";

    /// <summary>"vision-language models": how the peers are named in a sentence.</summary>
    public string PeerNoun => Taxonomy.PeerNoun(Category);

    /// <summary>The facts a review may cite, one per fact or per list item, spelt as every page spells them.</summary>
    public IReadOnlyList<FactUse> Uses(params FactName[] names) => [.. names.SelectMany(n => FactUse.All(_tool, n))];

    public bool Has(FactName name) => name.IsOnRecord(_tool);

    /// <summary>The facts a reader expects for this kind of tool that are not on record.</summary>
    public IReadOnlyList<FactName> MissingCoreFacts => CoreFacts.Missing(_tool);

    /// <summary>Every fact on record (what the verification share is counted over).</summary>
    public IReadOnlyList<FactUse> AllUses() => [.. FactNames.All.SelectMany(n => FactUse.All(_tool, n))];

    /// <summary>The cheapest complete per-token price on record, vendor's or a host's.</summary>
    public TokenPrice? CheapestPrice => CostModel.CheapestBlended(_tool);

    public TokenPrice? VendorPrice => CostModel.TokenPrices(_tool).FirstOrDefault(p => p.Where == _tool.Vendor.Name);

    /// <summary>The cheapest price per unit (image, second of video...), vendor's or a host's.</summary>
    public IReadOnlyDictionary<string, decimal> UnitPrices => CostModel.CheapestUnitPrices(_tool);
}
