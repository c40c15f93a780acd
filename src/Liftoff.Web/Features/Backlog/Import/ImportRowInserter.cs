using System.Data.Common;
using System.Globalization;
using Liftoff.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Liftoff.Web.Features.Backlog.Import;

/// <summary>
/// Inserts rows of one entity type through a single prepared INSERT … RETURNING command reused for
/// every row, inside the context's current transaction. Columns, names and value conversions come from
/// the EF model, so it writes exactly what SaveChanges would, without change tracking (which costs more
/// than the insert itself for thousands of imported rows). Where the driver can batch commands
/// (PostgreSQL) many rows go in one round trip; SQLite runs in process and needs none.
/// </summary>
public sealed class ImportRowInserter<T> : IAsyncDisposable
    where T : class
{
    private readonly DbCommand _command;
    private readonly List<(IProperty Property, DbParameter Parameter)> _columns;
    private readonly IProperty _key;

    private ImportRowInserter(DbCommand command, List<(IProperty, DbParameter)> columns, IProperty key)
    {
        _command = command;
        _columns = columns;
        _key = key;
    }

    public static async Task<ImportRowInserter<T>> CreateAsync(AppDbContext db, CancellationToken ct)
    {
        var type = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is " +
            $"not in the model.");
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var key = type.FindPrimaryKey()!.Properties.Single();
        var properties = type.GetProperties().Where(p => p != key && !p.IsShadowProperty()
            && p.GetColumnName(table) is not null).ToList();
        var sql = db.GetService<ISqlGenerationHelper>();
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Rows are inserted inside a transaction.");
        command.CommandText = string.Create(CultureInfo.InvariantCulture,
            $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ",
                properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)))}) " +
            $"VALUES ({string.Join(", ", properties.Select((_, i) =>
                $"@p{i}"))}) RETURNING {sql.DelimitIdentifier(key.GetColumnName(table)!)}");
        var columns = properties.Select((p, i) =>
        {
            var parameter = ((RelationalTypeMapping)p.GetRelationalTypeMapping())
                .CreateParameter(command, $"@p{i}", null, p.IsNullable);
            command.Parameters.Add(parameter);
            return (p, parameter);
        }).ToList();
        await command.PrepareAsync(ct);
        return new ImportRowInserter<T>(command, columns, key);
    }

    /// <summary>Inserts the row and sets its generated key.</summary>
    public async Task InsertAsync(T row, CancellationToken ct)
    {
        foreach (var (property, parameter) in _columns)
        {
            parameter.Value = ProviderValue(property, row);
        }
        SetKey(row, (await _command.ExecuteScalarAsync(ct))!);
    }

    /// <summary>Inserts the rows in order and sets their generated keys.</summary>
    public async Task InsertManyAsync(IReadOnlyList<T> rows, CancellationToken ct)
    {
        var connection = _command.Connection!;
        if (!connection.CanCreateBatch)
        {
            foreach (var row in rows)
            {
                await InsertAsync(row, ct);
            }
            return;
        }
        foreach (var chunk in rows.Chunk(RowsPerRoundTrip))
        {
            await using var batch = connection.CreateBatch();
            batch.Transaction = _command.Transaction;
            foreach (var row in chunk)
            {
                var command = batch.CreateBatchCommand();
                command.CommandText = _command.CommandText;
                foreach (var (property, template) in _columns)
                {
                    var parameter = template is ICloneable c ? (DbParameter)c.Clone() : command.CreateParameter();
                    parameter.ParameterName = template.ParameterName;
                    parameter.Value = ProviderValue(property, row);
                    command.Parameters.Add(parameter);
                }
                batch.BatchCommands.Add(command);
            }
            await using var reader = await batch.ExecuteReaderAsync(ct);
            foreach (var row in chunk)
            {
                await reader.ReadAsync(ct);
                SetKey(row, reader.GetValue(0));
                await reader.NextResultAsync(ct);
            }
        }
    }

    private const int RowsPerRoundTrip = 200;

    private static object ProviderValue(IProperty property, T row)
    {
        var value = property.GetGetter().GetClrValueUsingContainingEntity(row);
        if (value is not null && property.GetRelationalTypeMapping().Converter is { } converter)
        {
            value = converter.ConvertToProvider(value);
        }
        return value ?? DBNull.Value;
    }

    private void SetKey(T row, object id) => _key.PropertyInfo!.SetValue(row,
        Convert.ChangeType(id, _key.ClrType, CultureInfo.InvariantCulture));

    public ValueTask DisposeAsync() => _command.DisposeAsync();
}
