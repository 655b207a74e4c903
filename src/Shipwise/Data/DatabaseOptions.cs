using System.ComponentModel.DataAnnotations;

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
    }
}

public enum DatabaseProvider { Sqlite, Postgres }
