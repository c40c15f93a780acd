using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Liftoff.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class RolloutWorkspaceCalendar : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "WorkspaceCalendar",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    WorkingDays = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    RowVersion = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkspaceCalendar", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WorkspaceHolidays",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    WorkspaceCalendarId = table.Column<int>(type: "integer", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkspaceHolidays", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WorkspaceHolidays_WorkspaceCalendar_WorkspaceCalendarId",
                        column: x => x.WorkspaceCalendarId,
                        principalTable: "WorkspaceCalendar",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RolloutTasks_ReleaseId_Status_DueDate",
                table: "RolloutTasks",
                columns: new[] { "ReleaseId", "Status", "DueDate" });

            migrationBuilder.CreateIndex(
                name: "IX_Releases_Status_PlannedDate",
                table: "Releases",
                columns: new[] { "Status", "PlannedDate" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkspaceHolidays_WorkspaceCalendarId_Date",
                table: "WorkspaceHolidays",
                columns: new[] { "WorkspaceCalendarId", "Date" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "WorkspaceHolidays");

            migrationBuilder.DropTable(
                name: "WorkspaceCalendar");

            migrationBuilder.DropIndex(
                name: "IX_RolloutTasks_ReleaseId_Status_DueDate",
                table: "RolloutTasks");

            migrationBuilder.DropIndex(
                name: "IX_Releases_Status_PlannedDate",
                table: "Releases");
        }
    }
}
