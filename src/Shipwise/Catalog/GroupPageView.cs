using Shipwise.Core.Catalog;
using Shipwise.Core.Panel;

namespace Shipwise.Catalog;

/// <summary>One member of a group, with the facts that tell the members apart.</summary>
public sealed record GroupMemberRow(
    string Slug, string Name, string Vendor, string Licence, string Size, string Context, string Lifecycle, bool CanBePicked, Verdict? Verdict, int Ships, int Skips);

/// <summary>
/// The page a family's or an ambiguous name's slug leads to: every member side by side, so no
/// one licence or size is silently picked for the reader.
/// </summary>
public sealed record GroupPageView(ToolGroup Group, IReadOnlyList<GroupMemberRow> Members)
{
    public bool IsFamily => Group.Kind == "family";

    public string Summary => IsFamily
        ? $"{Group.Name} is a family of {Members.Count} entries that differ in licence or size."
        : $"\"{Group.Name}\" can mean {Members.Count} different tools.";

    public static async Task<GroupPageView> LoadAsync(ToolGroup group, CatalogQueries queries, ToolCards cards, CancellationToken cancellationToken)
    {
        var panel = (await cards.BySlugsAsync(group.Members, cancellationToken)).ToDictionary(c => c.Slug);
        var rows = new List<GroupMemberRow>();
        foreach (var member in group.Members)
        {
            if (await queries.FindToolAsync(member, cancellationToken) is not { } stored)
            {
                continue;
            }

            var t = stored.Tool;
            var card = panel.GetValueOrDefault(t.Slug);
            rows.Add(new GroupMemberRow(
                t.Slug, t.Name, t.Vendor.Name,
                FactDisplay.Value(t, FactName.License) ?? "Not on record",
                FactDisplay.Value(t, FactName.Parameters) ?? "Not on record",
                FactDisplay.Value(t, FactName.ContextWindow) ?? "Not on record",
                t.Facts.Lifecycle is { } l ? FactDisplay.Lifecycle(l.Value) : "Active",
                LifecycleNotice.CanBePicked(t.Facts.Lifecycle?.Value),
                card?.Verdict, card?.Ships ?? 0, card?.Skips ?? 0));
        }

        return new GroupPageView(group, rows);
    }
}
