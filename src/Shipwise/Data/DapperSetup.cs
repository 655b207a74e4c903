using System.Data;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Shipwise.Data;

/// <summary>
/// SQLite keeps timestamps as ISO-8601 text and PostgreSQL as timestamptz; this handler
/// lets the rest of the code use DateTimeOffset (always UTC) on both.
/// </summary>
internal sealed class DateTimeOffsetHandler : SqlMapper.TypeHandler<DateTimeOffset>
{
    public static void Register()
    {
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset));
        SqlMapper.AddTypeHandler(new DateTimeOffsetHandler());
    }

    public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
    {
        parameter.Value = parameter is SqliteParameter ? SqliteText(value) : value.ToUniversalTime();
    }

    /// <summary>A timestamp as SQLite stores it: UTC ISO-8601 text of fixed width, so timestamps compare correctly as strings.</summary>
    public static string SqliteText(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public override DateTimeOffset Parse(object value) => value switch
    {
        DateTimeOffset dto => dto.ToUniversalTime(),
        DateTime dt => new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc)),
        string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        _ => throw new DataException($"Cannot read {value.GetType().Name} as a timestamp"),
    };
}
