using Shipwise.Core.Catalog;

namespace Shipwise.Catalog;

public sealed record ImportResult(int Read, int Inserted, int Updated, int Unchanged)
{
    /// <summary>Groups (families, disambiguations) added or changed.</summary>
    public int GroupsChanged { get; init; }
}

/// <summary>An import file that cannot be applied. Nothing was written.</summary>
public sealed class ImportException(string file, IReadOnlyList<ImportProblem> problems)
    : Exception(Describe(file, problems))
{
    public string File { get; } = file;

    public IReadOnlyList<ImportProblem> Problems { get; } = problems;

    private static string Describe(string file, IReadOnlyList<ImportProblem> problems)
    {
        const int shown = 20;
        var lines = problems.Take(shown).Select(p => $"{(p.File is { } name ? Path.Combine(file, name) : file)}{(p.Line is { } line ? $":{line}" : "")}: {p.Location}: {p.Message}");
        var more = problems.Count > shown ? $"\n… and {problems.Count - shown} more problems" : "";
        return $"{problems.Count} problem(s) in {file}; nothing was imported.\n{string.Join("\n", lines)}{more}";
    }
}

/// <summary>Where a problem is: a line (when known) and a JSON path or CSV row/column.</summary>
public sealed record ImportProblem(int? Line, string Location, string Message)
{
    /// <summary>The file in a folder import; null when there is only one.</summary>
    public string? File { get; init; }

    public static ImportProblem From(ValidationError error, int? line) => new(line, error.Path, error.Message);
}
