using Shipwise.Catalog;
using Shipwise.Core.Catalog;

namespace Shipwise.Search;

/// <summary>One tool a reader may have meant, with what to know before picking it.</summary>
/// <param name="Note">"unconfirmed: no public source supports this name", "retired"…; null for an active tool.</param>
public sealed record NameChoice(string Slug, string Name, string Vendor, string? Note);

/// <summary>What a typed name comes to: one tool, a question ("Which Mistral?") with the choices, or nothing.</summary>
public sealed record NameResolution(string Text, NameChoice? Tool, string? Question, IReadOnlyList<NameChoice> Choices, string? Problem)
{
    public bool IsResolved => Tool is not null;
}

/// <summary>
/// Turns what a reader typed into a compare form into one tool, by the catalog's own rules: an exact
/// slug, alias or name is taken; a family or ambiguous name, or a search that finds several tools,
/// becomes a question with the choices in ranked order; a tool whose name no public source supports
/// (lifecycle "unconfirmed") is never taken silently, even when it is the only match.
/// </summary>
public sealed class ToolNameResolver(CatalogQueries queries, ToolCards cards, ToolSearch search)
{
    public const int MaxChoices = 8;

    public async Task<NameResolution> ResolveAsync(string text, CancellationToken cancellationToken)
    {
        text = text.Trim();
        if (text.Length > SearchText.MaxQueryLength)
        {
            return new NameResolution(text, null, null, [], $"“{text[..40]}…” is longer than {SearchText.MaxQueryLength} characters.");
        }

        var lookup = await queries.FindAsync(text, cancellationToken);
        if (lookup.RedirectTo is { } canonical)
        {
            lookup = await queries.FindAsync(canonical, cancellationToken);
        }

        if (lookup.Group is { } group)
        {
            var members = await cards.BySlugsAsync(group.Members, cancellationToken);
            var ordered = group.Members.Select(m => members.FirstOrDefault(c => c.Slug == m)).OfType<ToolCard>().DistinctBy(c => c.Id).ToList();
            return Ask(text, group.Name, ordered);
        }

        if (lookup.Tool is { } stored && stored.Tool.Facts.Lifecycle?.Value.Status != LifecycleStatus.Unconfirmed)
        {
            return new NameResolution(text, new NameChoice(stored.Tool.Slug, stored.Tool.Name, stored.Tool.Vendor.Name, null), null, [], null);
        }

        var found = await search.SearchAsync(text, MaxChoices, cancellationToken);
        var byId = (await cards.ByIdsAsync([.. found.Hits.Select(h => h.ToolId)], cancellationToken)).ToDictionary(c => c.Id);
        var hits = found.Hits.Select(h => byId.GetValueOrDefault(h.ToolId)).OfType<ToolCard>().ToList();
        if (lookup.Tool is { } unconfirmed && hits.All(h => h.Id != unconfirmed.Id))
        {
            hits.Add((await cards.ByIdsAsync([unconfirmed.Id], cancellationToken)).Single());
        }

        if (hits.Count == 0)
        {
            return new NameResolution(text, null, null, [], $"No tool matches “{text}”. Check the spelling or search the catalog.");
        }

        // One confirmed match, or a search whose best hit is exactly the name typed and the only such one.
        var exact = hits.Where(h => SearchText.Glue(h.Name) == SearchText.Glue(text) || h.Slug == Slug.From(text)).ToList();
        var single = hits.Count == 1 ? hits[0] : exact.Count == 1 ? exact[0] : null;
        if (single is not null && single.Lifecycle != LifecycleStatus.Unconfirmed)
        {
            return new NameResolution(text, Choice(single), null, [], null);
        }

        return Ask(text, Label(text), hits);
    }

    private static NameResolution Ask(string text, string name, IReadOnlyList<ToolCard> choices) =>
        new(text, null, $"Which {name}?", [.. choices.Take(MaxChoices).Select(Choice)], null);

    private static NameChoice Choice(ToolCard card) => new(card.Slug, card.Name, card.Vendor, card.Lifecycle switch
    {
        LifecycleStatus.Unconfirmed => "unconfirmed: no public source supports this name",
        LifecycleStatus.Retired => "retired",
        LifecycleStatus.Deprecated => "deprecated",
        LifecycleStatus.Preview => "preview",
        _ => null,
    });

    // "mistral" reads "Mistral" in the question; what the reader typed otherwise stays as typed.
    private static string Label(string text) =>
        text.Length > 0 && char.IsLower(text[0]) && text.All(c => !char.IsUpper(c)) ? char.ToUpperInvariant(text[0]) + text[1..] : text;
}
