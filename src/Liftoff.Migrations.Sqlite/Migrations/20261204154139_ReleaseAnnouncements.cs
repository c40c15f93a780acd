using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Liftoff.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ReleaseAnnouncements : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "AnnouncedAt",
                table: "ReleaseNotes",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AnnouncedDates",
                table: "ReleaseNotes",
                type: "TEXT",
                maxLength: 2000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "AnnouncedItemIds",
                table: "ReleaseNotes",
                type: "TEXT",
                maxLength: 2000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "AnnouncedVersions",
                table: "ReleaseNotes",
                type: "TEXT",
                maxLength: 500,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Audience",
                table: "ReleaseNotes",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "Both");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AnnouncedAt",
                table: "ReleaseNotes");

            migrationBuilder.DropColumn(
                name: "AnnouncedDates",
                table: "ReleaseNotes");

            migrationBuilder.DropColumn(
                name: "AnnouncedItemIds",
                table: "ReleaseNotes");

            migrationBuilder.DropColumn(
                name: "AnnouncedVersions",
                table: "ReleaseNotes");

            migrationBuilder.DropColumn(
                name: "Audience",
                table: "ReleaseNotes");
        }
    }
}
