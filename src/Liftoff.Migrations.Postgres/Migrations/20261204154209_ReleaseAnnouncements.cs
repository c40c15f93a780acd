using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Liftoff.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ReleaseAnnouncements : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "AnnouncedAt",
                table: "ReleaseNotes",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AnnouncedDates",
                table: "ReleaseNotes",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "AnnouncedItemIds",
                table: "ReleaseNotes",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "AnnouncedVersions",
                table: "ReleaseNotes",
                type: "character varying(500)",
                maxLength: 500,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Audience",
                table: "ReleaseNotes",
                type: "character varying(20)",
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
