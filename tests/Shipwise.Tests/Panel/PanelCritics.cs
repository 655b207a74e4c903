using Shipwise.Core.Panel.Critics;

namespace Shipwise.Tests.Panel;

/// <summary>The seven real critic files from data/critics, loaded once.</summary>
public static class PanelCritics
{
    private static readonly Lazy<CriticSet> _set = new(() => CriticSet.Load(
        Directory.GetFiles(RepoPaths.CriticsFolder, "*.yaml")
            .Order(StringComparer.Ordinal)
            .Select(path => (Path.GetFileName(path), File.ReadAllText(path)))));

    public static CriticSet Set => _set.Value;

    public static Critic Get(string slug) => Set.Find(slug) ?? throw new InvalidOperationException($"no critic '{slug}'");

    public static string FileText(string slug) => File.ReadAllText(Path.Combine(RepoPaths.CriticsFolder, slug + ".yaml"));

    public static TheoryData<string> Slugs => new(Set.All.Select(c => c.Slug));
}
