using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Liftoff.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class LendingShopWebhook : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_LendingShopDeliveries_ReleaseId",
                table: "LendingShopDeliveries");

            migrationBuilder.CreateIndex(
                name: "IX_LendingShopDeliveries_ReleaseId",
                table: "LendingShopDeliveries",
                column: "ReleaseId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_LendingShopDeliveries_ReleaseId",
                table: "LendingShopDeliveries");

            migrationBuilder.CreateIndex(
                name: "IX_LendingShopDeliveries_ReleaseId",
                table: "LendingShopDeliveries",
                column: "ReleaseId");
        }
    }
}
