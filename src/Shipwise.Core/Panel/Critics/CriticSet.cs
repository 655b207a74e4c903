namespace Shipwise.Core.Panel.Critics;

/// <summary>The panel: every critic file, checked together, in panel order.</summary>
public sealed class CriticSet
{
    private CriticSet(IReadOnlyList<Critic> critics) => All = critics;

    /// <summary>Ordered by <see cref="Critic.Order"/>, then slug.</summary>
    public IReadOnlyList<Critic> All { get; }

    public Critic? Find(string slug) => All.FirstOrDefault(c => c.Slug == slug);

    /// <summary>Parses every file; throws <see cref="CriticFileException"/> on the first bad file or a slug used twice.</summary>
    public static CriticSet Load(IEnumerable<(string fileName, string text)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var critics = new List<Critic>();
        var fileOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (fileName, text) in files)
        {
            var critic = CriticFile.Parse(fileName, text);
            if (fileOf.TryGetValue(critic.Slug, out var first))
            {
                throw new CriticFileException(fileName, "slug", $"'{critic.Slug}' is already the slug of {first}; each critic needs its own");
            }

            fileOf.Add(critic.Slug, fileName);
            critics.Add(critic);
        }

        return new CriticSet([.. critics.OrderBy(c => c.Order).ThenBy(c => c.Slug, StringComparer.Ordinal)]);
    }
}
