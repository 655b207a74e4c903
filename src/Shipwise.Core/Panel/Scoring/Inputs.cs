using System.Runtime.CompilerServices;
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
    private readonly ToolEvidence _evidence;

    public ReviewInputs(Tool tool, PeerSnapshot peers, DateOnly asOf, string seed)
    {
        ArgumentNullException.ThrowIfNull(tool);
        ArgumentNullException.ThrowIfNull(peers);
        _tool = tool;
        _evidence = ToolEvidence.Of(tool);
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
    public IReadOnlyList<FactUse> Uses(params FactName[] names) =>
        names.Length == 1 ? _evidence.Uses(names[0]) : [.. names.SelectMany(_evidence.Uses)];

    public bool Has(FactName name) => name.IsOnRecord(_tool);

    /// <summary>The facts a reader expects for this kind of tool that are not on record.</summary>
    public IReadOnlyList<FactName> MissingCoreFacts => _evidence.MissingCoreFacts;

    /// <summary>Every fact on record (what the verification share is counted over).</summary>
    public IReadOnlyList<FactUse> AllUses() => _evidence.AllUses;

    /// <summary>The cheapest complete per-token price on record, vendor's or a host's.</summary>
    public TokenPrice? CheapestPrice => _evidence.CheapestPrice;

    public TokenPrice? VendorPrice => _evidence.VendorPrice;

    /// <summary>The cheapest price per unit (image, second of video...), vendor's or a host's.</summary>
    public IReadOnlyDictionary<string, decimal> UnitPrices => _evidence.UnitPrices;

    /// <summary>
    /// What every critic reads of one tool, worked out once per tool rather than once per critic:
    /// the citable facts and the prices. A tool is an immutable record, so the cache is keyed by the
    /// instance and goes when the tool does. Two threads may both fill an entry; both get the same value.
    /// </summary>
    private sealed class ToolEvidence(Tool tool)
    {
        private static readonly ConditionalWeakTable<Tool, ToolEvidence> s_cache = [];
        private static readonly int s_names = Enum.GetValues<FactName>().Length;

        private readonly IReadOnlyList<FactUse>?[] _uses = new IReadOnlyList<FactUse>?[s_names];
        private IReadOnlyList<FactUse>? _all;
        private IReadOnlyList<FactName>? _missing;
        private readonly Lazy<(TokenPrice? Cheapest, TokenPrice? Vendor, IReadOnlyDictionary<string, decimal> Units)> _prices = new(() => (
            CostModel.CheapestBlended(tool),
            CostModel.TokenPrices(tool).FirstOrDefault(p => p.Where == tool.Vendor.Name),
            CostModel.CheapestUnitPrices(tool)));

        public static ToolEvidence Of(Tool tool) => s_cache.GetValue(tool, t => new ToolEvidence(t));

        public IReadOnlyList<FactUse> Uses(FactName name) => _uses[(int)name] ??= [.. FactUse.All(tool, name)];

        public IReadOnlyList<FactUse> AllUses => _all ??= [.. FactNames.All.SelectMany(Uses)];

        public IReadOnlyList<FactName> MissingCoreFacts => _missing ??= CoreFacts.Missing(tool);

        public TokenPrice? CheapestPrice => _prices.Value.Cheapest;

        public TokenPrice? VendorPrice => _prices.Value.Vendor;

        public IReadOnlyDictionary<string, decimal> UnitPrices => _prices.Value.Units;
    }
}
