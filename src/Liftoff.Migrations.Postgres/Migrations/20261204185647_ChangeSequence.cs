using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Liftoff.Migrations.Postgres.Migrations
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
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateIndex(
                name: "IX_FeatureRequests_ChangeSeq",
                table: "FeatureRequests",
                column: "ChangeSeq");

            // One counter row bumped by every insert and update of a request, inside the writing
            // transaction, whose row lock it holds until commit: positions follow commit order, so a
            // reader that saw position n has seen every change below it. The statement-level trigger
            // takes the counter before the statement locks any request row, so two transactions never
            // wait on each other for the counter and a request in opposite orders.
            migrationBuilder.Sql("""CREATE TABLE "FeatureRequestChangeCounter" ("Id" integer PRIMARY KEY CHECK ("Id" = 1), "Value" bigint NOT NULL);""");
            migrationBuilder.Sql("""INSERT INTO "FeatureRequestChangeCounter" ("Id", "Value") SELECT 1, COALESCE(MAX("Id"), 0) FROM "FeatureRequests";""");
            // Vectors are now made from 64 word pieces instead of 32: the indexer embeds them again.
            migrationBuilder.Sql("""UPDATE "FeatureRequests" SET "ChangeSeq" = "Id", "Embedding" = NULL;""");
            migrationBuilder.Sql("""
                CREATE FUNCTION feature_requests_lock_change_counter() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM 1 FROM "FeatureRequestChangeCounter" WHERE "Id" = 1 FOR UPDATE;
                    RETURN NULL;
                END $$;
                """);
            migrationBuilder.Sql("""
                CREATE FUNCTION feature_requests_next_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE "FeatureRequestChangeCounter" SET "Value" = "Value" + 1 WHERE "Id" = 1 RETURNING "Value" INTO NEW."ChangeSeq";
                    RETURN NEW;
                END $$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER feature_requests_change_counter BEFORE INSERT OR UPDATE ON "FeatureRequests"
                FOR EACH STATEMENT EXECUTE FUNCTION feature_requests_lock_change_counter();
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER feature_requests_change_seq BEFORE INSERT OR UPDATE ON "FeatureRequests"
                FOR EACH ROW EXECUTE FUNCTION feature_requests_next_change();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER feature_requests_change_seq ON "FeatureRequests";""");
            migrationBuilder.Sql("""DROP TRIGGER feature_requests_change_counter ON "FeatureRequests";""");
            migrationBuilder.Sql("""DROP FUNCTION feature_requests_next_change();""");
            migrationBuilder.Sql("""DROP FUNCTION feature_requests_lock_change_counter();""");
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
