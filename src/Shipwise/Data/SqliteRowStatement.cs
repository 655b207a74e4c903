using System.Data.Common;

namespace Shipwise.Data;

/// <summary>
/// One SQLite statement run once per row of a batch: prepared once, its parameters made once and
/// named with their '@', only the values set per row. Dapper makes every parameter again for each
/// row, unprefixed, so Microsoft.Data.Sqlite looks each name up twice; on 700,000 review rows that
/// was most of the insert's time (docs/benchmarks.md). A null value is written as NULL.
/// </summary>
public sealed class SqliteRowStatement : IAsyncDisposable
{
    private readonly DbCommand _command;
    private readonly DbParameter[] _parameters;

    private SqliteRowStatement(DbCommand command, DbParameter[] parameters) => (_command, _parameters) = (command, parameters);

    /// <param name="names">The parameters as the SQL names them, with their '@', in the order <see cref="Run"/> gives values.</param>
    public static SqliteRowStatement Prepare(DbConnection connection, DbTransaction transaction, string sql, IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(names);
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        var parameters = new DbParameter[names.Count];
        for (var i = 0; i < names.Count; i++)
        {
            parameters[i] = command.CreateParameter();
            parameters[i].ParameterName = names[i];
            command.Parameters.Add(parameters[i]);
        }

        command.Prepare();
        return new SqliteRowStatement(command, parameters);
    }

    /// <summary>Runs the statement for one row; <paramref name="values"/> in the order of the names given to <see cref="Prepare"/>.</summary>
    public int Run(params ReadOnlySpan<object?> values)
    {
        if (values.Length != _parameters.Length)
        {
            throw new ArgumentException($"{values.Length} values for {_parameters.Length} parameters", nameof(values));
        }

        for (var i = 0; i < values.Length; i++)
        {
            _parameters[i].Value = values[i] ?? DBNull.Value;
        }

        // Microsoft.Data.Sqlite runs synchronously either way; the sync call skips the Task.
        return _command.ExecuteNonQuery();
    }

    public ValueTask DisposeAsync() => _command.DisposeAsync();
}
