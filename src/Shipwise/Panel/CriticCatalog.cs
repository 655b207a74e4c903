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
    }

    public CriticSet Set { get; }

    public IReadOnlyList<Critic> All => Set.All;

    public Critic? Find(string slug) => Set.Find(slug);
}
