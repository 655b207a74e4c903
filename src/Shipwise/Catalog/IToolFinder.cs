namespace Shipwise.Catalog;

/// <summary>
/// The site's search engine as the catalog API sees it: ids of the tools a query finds, best
/// first. Implemented by Search's index (names, aliases, group names, vendors; typo-tolerant),
/// so the API and the site can never answer one query differently.
/// </summary>
public interface IToolFinder
{
    /// <summary>The most hits one query returns; the API pages within them.</summary>
    const int MaxResults = 200;

    Task<IReadOnlyList<long>> FindIdsAsync(string query, int limit, CancellationToken cancellationToken);
}
