using System.ComponentModel.DataAnnotations;

namespace Liftoff.Web.Infrastructure.Database;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>ADO.NET connection string; for SQLite it defaults to a file under ./data/.</summary>
    [Required(AllowEmptyStrings = false)]
    public string ConnectionString { get; set; } = "Data Source=data/liftoff.db";

    /// <summary>Apply pending migrations at start-up. Null means: yes on SQLite, no on PostgreSQL (run `migrate`
    /// once).</summary>
    public bool? MigrateOnStart { get; set; }

    /// <summary>Create the demo workspace when the database has no users.</summary>
    public bool SeedDemoOnEmpty { get; set; } = true;

    public bool ShouldMigrateOnStart => MigrateOnStart ?? Provider == DatabaseProvider.Sqlite;
}
