using System.ComponentModel.DataAnnotations;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Shipwise.Data;

public sealed class DatabaseOptions : IValidatableObject
{
    public const string Section = "Database";
    public const string DefaultSqliteConnectionString = "Data Source=data/shipwise.db";

    /// <summary>sqlite (embedded default) or postgres (several stateless nodes).</summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>Defaults to a SQLite file under ./data/ when the provider is sqlite.</summary>
    public string? ConnectionString { get; set; }

    public DatabaseProvider ProviderKind => Provider.ToLowerInvariant() == "postgres" ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;

    public string EffectiveConnectionString =>
        string.IsNullOrWhiteSpace(ConnectionString) ? DefaultSqliteConnectionString : ConnectionString;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider?.ToLowerInvariant() is not ("sqlite" or "postgres"))
        {
            yield return new ValidationResult(
                $"Database:Provider is '{Provider}'; set it to 'sqlite' (the default) or 'postgres'.", [nameof(Provider)]);
        }
        else if (ProviderKind == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult(
                "Database:ConnectionString is required when Database:Provider is 'postgres', e.g. 'Host=127.0.0.1;Port=5432;Database=shipwise;Username=shipwise;Password=…'.",
                [nameof(ConnectionString)]);
        }
        else if (ProviderKind == DatabaseProvider.Sqlite && !EffectiveConnectionString.Contains("Data Source", StringComparison.OrdinalIgnoreCase))
        {
            yield return new ValidationResult(
                $"Database:ConnectionString '{ConnectionString}' is not a SQLite connection string; use e.g. 'Data Source=data/shipwise.db'.",
                [nameof(ConnectionString)]);
        }
        else if (ConnectionStringProblem() is { } problem)
        {
            yield return new ValidationResult(problem, [nameof(ConnectionString)]);
        }
    }

    // Found here rather than as an exception when the first connection opens (which ended the process with exit 134).
    private string? ConnectionStringProblem()
    {
        if (ProviderKind == DatabaseProvider.Postgres)
        {
            try
            {
                _ = new NpgsqlConnectionStringBuilder(EffectiveConnectionString);
                return null;
            }
            catch (ArgumentException ex)
            {
                return $"Database:ConnectionString is not a valid PostgreSQL connection string: {ex.Message}";
            }
        }

        string file;
        try
        {
            file = new SqliteConnectionStringBuilder(EffectiveConnectionString).DataSource;
        }
        catch (ArgumentException ex)
        {
            return $"Database:ConnectionString is not a valid SQLite connection string: {ex.Message}";
        }

        if (file.Length == 0 || file == ":memory:" || file.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var path = Path.GetFullPath(file);
        if (Directory.Exists(path))
        {
            return $"Database:ConnectionString names {path}, which is a directory; name the database file inside it, e.g. 'Data Source={Path.Combine(file, "shipwise.db")}'.";
        }

        // The file's folder is created on first use, so only a file standing where a folder must be is a problem.
        for (var folder = Path.GetDirectoryName(path); folder is not null; folder = Path.GetDirectoryName(folder))
        {
            if (File.Exists(folder))
            {
                return $"Database:ConnectionString names {path}, but {folder} is a file, not a directory.";
            }

            if (Directory.Exists(folder))
            {
                break;
            }
        }

        return null;
    }
}

public enum DatabaseProvider { Sqlite, Postgres }
