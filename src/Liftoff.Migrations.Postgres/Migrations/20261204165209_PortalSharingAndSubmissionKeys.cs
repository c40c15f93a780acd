using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Liftoff.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class PortalSharingAndSubmissionKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "SharedWithPortal",
                table: "FeatureRequests",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "SubmissionKey",
                table: "FeatureRequests",
                type: "character varying(120)",
                maxLength: 120,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "WrittenByOrganisationId",
                table: "FeatureRequests",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_FeatureRequests_SubmissionKey",
                table: "FeatureRequests",
                column: "SubmissionKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FeatureRequests_WrittenByOrganisationId",
                table: "FeatureRequests",
                column: "WrittenByOrganisationId");

            migrationBuilder.AddForeignKey(
                name: "FK_FeatureRequests_Organisations_WrittenByOrganisationId",
                table: "FeatureRequests",
                column: "WrittenByOrganisationId",
                principalTable: "Organisations",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_FeatureRequests_Organisations_WrittenByOrganisationId",
                table: "FeatureRequests");

            migrationBuilder.DropIndex(
                name: "IX_FeatureRequests_SubmissionKey",
                table: "FeatureRequests");

            migrationBuilder.DropIndex(
                name: "IX_FeatureRequests_WrittenByOrganisationId",
                table: "FeatureRequests");

            migrationBuilder.DropColumn(
                name: "SharedWithPortal",
                table: "FeatureRequests");

            migrationBuilder.DropColumn(
                name: "SubmissionKey",
                table: "FeatureRequests");

            migrationBuilder.DropColumn(
                name: "WrittenByOrganisationId",
                table: "FeatureRequests");
        }
    }
}
