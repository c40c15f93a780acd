using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Liftoff.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class BounceMessageIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_UnparsedMailMessages_MessageId",
                table: "UnparsedMailMessages",
                column: "MessageId");

            migrationBuilder.CreateIndex(
                name: "IX_UnparsedMailMessages_ReceivedAt",
                table: "UnparsedMailMessages",
                column: "ReceivedAt");

            migrationBuilder.CreateIndex(
                name: "IX_DeliveryEvents_ReportMessageId",
                table: "DeliveryEvents",
                column: "ReportMessageId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_UnparsedMailMessages_MessageId",
                table: "UnparsedMailMessages");

            migrationBuilder.DropIndex(
                name: "IX_UnparsedMailMessages_ReceivedAt",
                table: "UnparsedMailMessages");

            migrationBuilder.DropIndex(
                name: "IX_DeliveryEvents_ReportMessageId",
                table: "DeliveryEvents");
        }
    }
}
