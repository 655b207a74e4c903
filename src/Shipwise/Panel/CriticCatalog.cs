using Microsoft.Extensions.Options;
using Shipwise.Core.Panel.Critics;

namespace Shipwise.Panel;

/// <summary>The critics, loaded once from their files. A bad file stops the start with the file and field named.</summary>
public sealed class CriticCatalog
{
    public CriticCatalog(IOptions<PanelOptions> options)
    {
        var folder = options.Value.EffectiveCriticsPath;
        if (!Directory.Exists(folder))
        {
            throw new InvalidOperationException($"Panel:CriticsPath '{folder}' does not exist; point it at a folder of critic .yaml files.");
        }

        var files = Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal)
            .Select(path => (Path.GetFileName(path), File.ReadAllText(path)))
            .ToList();
        if (files.Count == 0)
        {
            throw new InvalidOperationException($"Panel:CriticsPath '{folder}' holds no critic .yaml files.");
        }

        Set = CriticSet.Load(files);
        Files = files.ToDictionary(f => CriticFile.Parse(f.Item1, f.Item2).Slug, f => (FileName: f.Item1, Text: f.Item2));
    }

    public CriticSet Set { get; }

    /// <summary>Each critic's file, stored with its version so old evidence reviews can be regenerated exactly.</summary>
    public IReadOnlyDictionary<string, (string FileName, string Text)> Files { get; }

    public IReadOnlyList<Critic> All => Set.All;

    public Critic? Find(string slug) => Set.Find(slug);
}
