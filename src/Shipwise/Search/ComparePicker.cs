namespace Shipwise.Search;

/// <summary>
/// The compare form as _ComparePicker.cshtml draws it: two name fields with the catalog's names as
/// suggestions (a datalist, so no script is needed), or for a name that meant several tools, the
/// question and its choices. The first tool stays first and the second second, as the reader typed them.
/// </summary>
/// <param name="IdPrefix">Keeps element ids unique when a page holds more than one picker.</param>
public sealed record ComparePicker(string IdPrefix, string A, string B, IReadOnlyList<string> Names)
{
    public NameResolution? AResolution { get; init; }

    public NameResolution? BResolution { get; init; }

    /// <summary>The datalist's size: enough for any reader's first guess, small enough for every page that carries it.</summary>
    public const int MaxNames = 400;
}
