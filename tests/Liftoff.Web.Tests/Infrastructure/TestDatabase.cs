using Npgsql;

namespace Liftoff.Web.Tests.Infrastructure;

/// <summary>
/// Which database the suite runs on: SQLite by default; PostgreSQL when LIFTOFF_TEST_PROVIDER=Postgres
/// and LIFTOFF_TEST_POSTGRES holds a connection string to a server the tests may create databases on.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    private readonly string? _sqliteFile;

    private TestDatabase(string provider, string connectionString, string? sqliteFile, string? postgresName)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _sqliteFile = sqliteFile;
        PostgresName = postgresName;
    }

    public string Provider { get; }

    public string ConnectionString { get; }

    public string? PostgresName { get; }

    public static bool IsPostgres =>
        string.Equals(Environment.GetEnvironmentVariable("LIFTOFF_TEST_PROVIDER"), "Postgres",
            StringComparison.OrdinalIgnoreCase);

    public static TestDatabase Create()
    {
        if (IsPostgres)
        {
            var server = Environment.GetEnvironmentVariable("LIFTOFF_TEST_POSTGRES")
                ?? throw new InvalidOperationException(
                    "LIFTOFF_TEST_POSTGRES must hold a PostgreSQL connection string.");
            var name = "liftoff_test_" + Guid.NewGuid().ToString("N")[..16];
            var cs = new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = true }.ConnectionString;
            return new TestDatabase("Postgres", cs, null, name);
        }
        var file = Path.Combine(Path.GetTempPath(), $"liftoff-test-{Guid.NewGuid():N}.db");
        return new TestDatabase("Sqlite", $"Data Source={file}", file, null);
    }

    public void Dispose()
    {
        if (_sqliteFile is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var f in new[] { _sqliteFile, _sqliteFile + "-wal", _sqliteFile + "-shm" })
            {
                try
                {
                    File.Delete(f);
                }
                catch (IOException)
                {
                    // A file still open elsewhere is removed with the temp folder later.
                }
            }
        }
        if (PostgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            var admin = new NpgsqlConnectionStringBuilder(ConnectionString)
            {
                Database = "postgres",
                Pooling = false
            }.ConnectionString;
            using var conn = new NpgsqlConnection(admin);
            conn.Open();
            using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{PostgresName}\" WITH (FORCE)", conn);
            cmd.ExecuteNonQuery();
        }
    }
}
