using Shipwise.Core.Catalog;
using Shipwise.Core.Panel.Writing;

namespace Shipwise.Core.Panel.Scoring;

/// <summary>Reads one visible fact into a <see cref="FactUse"/>, worded the same way for every scorer.</summary>
public static class FactReader
{
    public static FactUse? Read(FactView view, FactName name)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (!view.Has(name))
        {
            return null;
        }

        var f = view.Facts;
        return name switch
        {
            FactName.License => FactUse.Of(name, f.License!, FactText.License(f.License!.Value)),
            FactName.OpenWeights => FactUse.Of(name, f.OpenWeights!, FactText.OpenWeights(f.OpenWeights!.Value)),
            FactName.Parameters => FactUse.Of(name, f.Parameters!, FactText.Parameters(f.Parameters!.Value)),
            FactName.InputModalities => FactUse.Of(name, f.InputModalities!, FactText.Items("input", f.InputModalities!.Value, "no input modalities listed")),
            FactName.OutputModalities => FactUse.Of(name, f.OutputModalities!, FactText.Items("output", f.OutputModalities!.Value, "no output modalities listed")),
            FactName.ContextWindow => FactUse.Of(name, f.ContextWindow!, FactText.ContextWindow(f.ContextWindow!.Value)),
            FactName.Pricing => FactUse.Of(name, f.Pricing!, FactText.Pricing(f.Pricing!.Value)),
            FactName.DeploymentTargets => FactUse.Of(name, f.DeploymentTargets!, FactText.Items("runs on", f.DeploymentTargets!.Value, "no deployment targets listed")),
            FactName.Runtimes => FactUse.Of(name, f.Runtimes!, FactText.Items("runtimes", f.Runtimes!.Value, "no runtimes listed")),
            FactName.Quantizations => FactUse.Of(name, f.Quantizations!, FactText.Items("quantizations", f.Quantizations!.Value, "no quantizations listed")),
            FactName.Competitors => FactUse.Of(name, f.Competitors!, FactText.Items("named competitors", f.Competitors!.Value, "no named competitors")),
            FactName.DataResidency => FactUse.Of(name, f.DataResidency!, FactText.Items("data residency", f.DataResidency!.Value, "no data-residency options listed")),
            FactName.Certifications => FactUse.Of(name, f.Certifications!, FactText.Items("certifications", f.Certifications!.Value, "no certifications listed")),
            FactName.UptimeSla => FactUse.Of(name, f.UptimeSla!, FactText.UptimeSla(f.UptimeSla!.Value)),
            FactName.Support => FactUse.Of(name, f.Support!, FactText.Items("support", f.Support!.Value, "no support channels listed")),
            FactName.ReleaseDate => FactUse.Of(name, view.Release!, FactText.Released(view.Release!.Value)),
            // Evaluations are a list of separately sourced facts; see Evaluations().
            _ => null,
        };
    }

    public static IReadOnlyList<FactUse> Evaluations(FactView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return view.Has(FactName.Evaluations)
            ? [.. view.Facts.Evaluations.Select(FactUse.OfEvaluation)]
            : [];
    }

    /// <summary>Every visible fact, evaluations included, in the fixed fact order.</summary>
    public static IReadOnlyList<FactUse> All(FactView view) =>
        [.. FactNames.All.SelectMany(name => name == FactName.Evaluations
            ? Evaluations(view)
            : Read(view, name) is { } use ? [use] : Array.Empty<FactUse>())];
}
