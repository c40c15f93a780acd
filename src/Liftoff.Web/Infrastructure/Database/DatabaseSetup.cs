using Liftoff.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Liftoff.Web.Infrastructure.Database;

public static class DatabaseSetup
{
    public static IServiceCollection AddLiftoffDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>()
            .Bind(configuration.GetSection(DatabaseOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddDbContext<AppDbContext>((sp, options) =>
        {
            var db = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            Configure(options, db);
        });
        services.AddScoped<DatabaseInitializer>();
        return services;
    }

    public static void Configure(DbContextOptionsBuilder options, DatabaseOptions db)
    {
        switch (db.Provider)
        {
            case DatabaseProvider.Postgres:
                options.UseNpgsql(db.ConnectionString, o => o.MigrationsAssembly("Liftoff.Migrations.Postgres"));
                break;
            default:
                EnsureSqliteDirectory(db.ConnectionString);
                options.UseSqlite(db.ConnectionString, o => o.MigrationsAssembly("Liftoff.Migrations.Sqlite"))
                    // SQLite rebuilds a table with foreign keys switched off, which it cannot do inside a
                    // transaction; the rebuild itself still runs in one, so the warning only alarms operators.
                    .ConfigureWarnings(w => w.Ignore(RelationalEventId.NonTransactionalMigrationOperationWarning));
                break;
        }
    }

    private static void EnsureSqliteDirectory(string connectionString)
    {
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var directory = Path.GetDirectoryName(Path.GetFullPath(file));
        if (!string.IsNullOrEmpty(directory) && file != ":memory:")
        {
            Directory.CreateDirectory(directory);
        }
    }
}
