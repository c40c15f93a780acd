using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Liftoff.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ChangeSequence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ChangeSeq",
                table: "FeatureRequests",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateIndex(
                name: "IX_FeatureRequests_ChangeSeq",
                table: "FeatureRequests",
                column: "ChangeSeq");

            // One counter row bumped by every insert and update of a request, inside the writing
            // transaction: positions follow commit order (SQLite has one writer at a time), and a
            // deleted row never hands its position to a later one.
            migrationBuilder.Sql("""CREATE TABLE "FeatureRequestChangeCounter" ("Id" INTEGER NOT NULL PRIMARY KEY CHECK ("Id" = 1), "Value" INTEGER NOT NULL);""");
            migrationBuilder.Sql("""INSERT INTO "FeatureRequestChangeCounter" ("Id", "Value") SELECT 1, COALESCE(MAX("Id"), 0) FROM "FeatureRequests";""");
            // Vectors are now made from 64 word pieces instead of 32: the indexer embeds them again.
            migrationBuilder.Sql("""UPDATE "FeatureRequests" SET "ChangeSeq" = "Id", "Embedding" = NULL;""");
            migrationBuilder.Sql("""
                CREATE TRIGGER "FeatureRequests_ChangeSeq_Insert" AFTER INSERT ON "FeatureRequests"
                BEGIN
                    UPDATE "FeatureRequestChangeCounter" SET "Value" = "Value" + 1 WHERE "Id" = 1;
                    UPDATE "FeatureRequests" SET "ChangeSeq" = (SELECT "Value" FROM "FeatureRequestChangeCounter" WHERE "Id" = 1) WHERE "Id" = NEW."Id";
                END;
                """);
            // The guard skips the trigger's own update (and the insert trigger's).
            migrationBuilder.Sql("""
                CREATE TRIGGER "FeatureRequests_ChangeSeq_Update" AFTER UPDATE ON "FeatureRequests" WHEN NEW."ChangeSeq" = OLD."ChangeSeq"
                BEGIN
                    UPDATE "FeatureRequestChangeCounter" SET "Value" = "Value" + 1 WHERE "Id" = 1;
                    UPDATE "FeatureRequests" SET "ChangeSeq" = (SELECT "Value" FROM "FeatureRequestChangeCounter" WHERE "Id" = 1) WHERE "Id" = NEW."Id";
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER "FeatureRequests_ChangeSeq_Update";""");
            migrationBuilder.Sql("""DROP TRIGGER "FeatureRequests_ChangeSeq_Insert";""");
            migrationBuilder.Sql("""DROP TABLE "FeatureRequestChangeCounter";""");

            migrationBuilder.DropIndex(
                name: "IX_FeatureRequests_ChangeSeq",
                table: "FeatureRequests");

            migrationBuilder.DropColumn(
                name: "ChangeSeq",
                table: "FeatureRequests");
        }
    }
}
