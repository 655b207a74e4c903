namespace Shipwise.Search;

/// <summary>One tool found by a search. <see cref="MatchedOn"/> names the field that explains the match: "name", "alias", "slug", "vendor", "category" or "tagline".</summary>
public sealed record SearchHit(long ToolId, string Slug, string Name, string Vendor, string Category, string Tagline, double Score, string MatchedOn);

/// <summary>
/// The best hits for a query. <see cref="Total"/> counts every matching tool, not only the hits returned;
/// <see cref="Corrected"/> is true when the best hit needed typo tolerance for some term ("did you mean").
/// </summary>
public sealed record SearchResult(string Query, IReadOnlyList<SearchHit> Hits, int Total, bool Corrected)
{
    public static SearchResult Empty(string query) => new(query, [], 0, false);
}

/// <summary>What the index is built from: a tool's searchable columns and its aliases (any spelling; slug form is fine).</summary>
public sealed record SearchDocument(long Id, string Slug, string Name, string Vendor, string Category, string Tagline, IReadOnlyList<string> Aliases);
