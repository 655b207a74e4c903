using System.Text;

namespace Shipwise.Catalog;

/// <summary>
/// RFC 4180 CSV: fields separated by commas, quoted when they hold a comma, quote or line
/// break, quotes doubled inside quotes. Small enough to own (docs/decisions/0003).
/// A cell a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR) is written
/// behind an apostrophe, which spreadsheets show as text; reading removes that one apostrophe,
/// so export then import gives back the same text.
/// </summary>
public static class Csv
{
    public sealed record Record(int Line, IReadOnlyList<string> Fields);

    public sealed class FormatException(int line, string message) : Exception(message)
    {
        public int Line { get; } = line;
    }

    public static IEnumerable<Record> Read(TextReader reader)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var inQuotes = false;
        var atFieldStart = true;
        var any = false;
        int c;
        while ((c = reader.Read()) >= 0)
        {
            any = true;
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        field.Append('"');
                        reader.Read();
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        line++;
                    }

                    field.Append((char)c);
                }

                continue;
            }

            switch (c)
            {
                case '"' when atFieldStart:
                    inQuotes = true;
                    atFieldStart = false;
                    break;
                case '"':
                    throw new FormatException(line, "a quote inside an unquoted field; quote the whole field and double the inner quotes");
                case ',':
                    fields.Add(Unguarded(field));
                    field.Clear();
                    atFieldStart = true;
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(Unguarded(field));
                    field.Clear();
                    yield return new Record(recordLine, fields.ToArray());
                    fields.Clear();
                    line++;
                    recordLine = line;
                    atFieldStart = true;
                    any = false;
                    break;
                default:
                    field.Append((char)c);
                    atFieldStart = false;
                    break;
            }
        }

        if (inQuotes)
        {
            throw new FormatException(recordLine, "a quoted field is never closed");
        }

        if (any)
        {
            fields.Add(Unguarded(field));
            yield return new Record(recordLine, fields.ToArray());
        }
    }

    public static void WriteRow(TextWriter writer, IEnumerable<string?> fields)
    {
        var first = true;
        foreach (var field in fields)
        {
            if (!first)
            {
                writer.Write(',');
            }

            first = false;
            var text = Guarded(field ?? "");
            if (text.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                writer.Write('"');
                writer.Write(text.Replace("\"", "\"\"", StringComparison.Ordinal));
                writer.Write('"');
            }
            else
            {
                writer.Write(text);
            }
        }

        writer.Write('\n');
    }

    private const string FormulaStarts = "=+-@\t\r";

    // Apostrophes already in front of a formula character are counted, so the guard is never ambiguous: "'=x" is written "''=x".
    private static string Guarded(string text) =>
        text.TrimStart('\'') is { Length: > 0 } rest && FormulaStarts.Contains(rest[0], StringComparison.Ordinal) ? "'" + text : text;

    private static string Unguarded(StringBuilder field)
    {
        var text = field.ToString();
        return text.Length > 1 && text[0] == '\'' && text.TrimStart('\'') is { Length: > 0 } rest && FormulaStarts.Contains(rest[0], StringComparison.Ordinal)
            ? text[1..]
            : text;
    }
}
