using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace Liftoff.Bench;

/// <summary>
/// A throwaway database for a page benchmark: a SQLite file in the temp folder, or a new database on
/// the PostgreSQL server given by --connection; removed again on dispose.
/// </summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string? _sqliteFile;
    private readonly string? _postgresDatabase;
    private readonly string? _serverConnection;

    private BenchDatabase(string provider, string connectionString, string? sqliteFile, string? postgresDatabase,
        string? serverConnection)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _sqliteFile = sqliteFile;
        _postgresDatabase = postgresDatabase;
        _serverConnection = serverConnection;
    }

    /// <summary>"sqlite" or "postgres".</summary>
    public string Provider { get; }

    public string ConnectionString { get; }

    /// <summary>Reads --provider sqlite|postgres and, for PostgreSQL, --connection.</summary>
    public static BenchDatabase Create(BenchArgs a)
    {
        var provider = (a.Optional("provider") ?? "sqlite").ToLowerInvariant();
        if (provider == "postgres")
        {
            var server = a.Required("connection");
            var database = "liftoff_bench_" + Guid.NewGuid().ToString("N")[..12];
            var connection = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
            return new BenchDatabase(provider, connection, null, database, server);
        }
        var file = Path.Combine(Path.GetTempPath(), $"liftoff-bench-{Guid.NewGuid():N}.db");
        return new BenchDatabase(provider, $"Data Source={file}", file, null, null);
    }

    /// <summary>A database another bench process created: used as it is and left in place on dispose.</summary>
    public static BenchDatabase Existing(string provider, string connectionString) =>
        new(provider.ToLowerInvariant(), connectionString, null, null, null);

    /// <summary>The app hosted in process on this database, migrated, without demo data or background mail.</summary>
    public WebApplicationFactory<TEntryPoint> CreateApp<TEntryPoint>(Action<IWebHostBuilder>? configure = null)
        where TEntryPoint : class =>
        new WebApplicationFactory<TEntryPoint>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("Database:Provider", Provider == "postgres" ? "Postgres" : "Sqlite");
            b.UseSetting("Database:ConnectionString", ConnectionString);
            b.UseSetting("Database:MigrateOnStart", "true");
            b.UseSetting("Database:SeedDemoOnEmpty", "false");
            b.UseSetting("Logging:LogLevel:Default", "Warning");
            b.UseSetting("Rollout:RemindersEnabled", "false");
            b.UseSetting("Email:PollInterval", "01:00:00");
            configure?.Invoke(b);
        });

    public async ValueTask DisposeAsync()
    {
        if (_sqliteFile is null && _postgresDatabase is null)
        {
            return;
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_sqliteFile is not null)
        {
            foreach (var f in new[] { _sqliteFile, _sqliteFile + "-wal", _sqliteFile + "-shm" })
            {
                File.Delete(f);
            }
        }
        if (_postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(_serverConnection);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresDatabase} WITH (FORCE)",
                admin);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
