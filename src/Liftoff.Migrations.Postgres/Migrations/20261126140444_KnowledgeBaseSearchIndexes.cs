using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Liftoff.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class KnowledgeBaseSearchIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Knowledge-base search matches words anywhere in titles and bodies (ILIKE '%word%'):
            // trigram indexes serve that without reading every article and version.
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm;");
            migrationBuilder.Sql("CREATE INDEX \"IX_KbArticles_Title_trgm\" ON \"KbArticles\" USING gin (\"Title\" gin_trgm_ops);");
            migrationBuilder.Sql("CREATE INDEX \"IX_KbArticles_BodyMarkdown_trgm\" ON \"KbArticles\" USING gin (\"BodyMarkdown\" gin_trgm_ops);");
            migrationBuilder.Sql("CREATE INDEX \"IX_KbArticleVersions_Title_trgm\" ON \"KbArticleVersions\" USING gin (\"Title\" gin_trgm_ops);");
            migrationBuilder.Sql("CREATE INDEX \"IX_KbArticleVersions_BodyMarkdown_trgm\" ON \"KbArticleVersions\" USING gin (\"BodyMarkdown\" gin_trgm_ops);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS \"IX_KbArticleVersions_BodyMarkdown_trgm\";");
            migrationBuilder.Sql("DROP INDEX IF EXISTS \"IX_KbArticleVersions_Title_trgm\";");
            migrationBuilder.Sql("DROP INDEX IF EXISTS \"IX_KbArticles_BodyMarkdown_trgm\";");
            migrationBuilder.Sql("DROP INDEX IF EXISTS \"IX_KbArticles_Title_trgm\";");
        }
    }
}
