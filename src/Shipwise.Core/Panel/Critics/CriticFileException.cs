namespace Shipwise.Core.Panel.Critics;

/// <summary>A critic file that cannot be used, with the file, the field and the problem named so an operator can fix it.</summary>
public sealed class CriticFileException : Exception
{
    public CriticFileException(string fileName, string field, string problem, int? line = null)
        : base($"{fileName}{(line is { } l ? $" (line {l})" : "")}: {field}: {problem}")
    {
        FileName = fileName;
        Field = field;
        Problem = problem;
        Line = line;
    }

    public string FileName { get; }

    /// <summary>The field's path in the file, e.g. "criteria[2].weight".</summary>
    public string Field { get; }

    public string Problem { get; }
    public int? Line { get; }
}
