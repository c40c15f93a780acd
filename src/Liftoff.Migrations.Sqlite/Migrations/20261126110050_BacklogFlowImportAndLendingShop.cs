using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Liftoff.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class BacklogFlowImportAndLendingShop : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_LendingShopDeliveries_ReleaseId",
                table: "LendingShopDeliveries");

            migrationBuilder.AddColumn<long>(
                name: "MergedIntoId",
                table: "FeatureRequests",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ReleaseId",
                table: "FeatureRequests",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RoadmapItemId",
                table: "FeatureRequests",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "BacklogImports",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Fingerprint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Mapping = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    TotalRows = table.Column<int>(type: "INTEGER", nullable: false),
                    ProcessedRows = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedByUserId = table.Column<string>(type: "TEXT", nullable: true),
                    RowVersion = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BacklogImports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PrioritySettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    PointsPerVote = table.Column<double>(type: "REAL", nullable: false),
                    SegmentMultipliers = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    TierMultipliers = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    ResellerMultiplier = table.Column<double>(type: "REAL", nullable: false),
                    CustomerMultiplier = table.Column<double>(type: "REAL", nullable: false),
                    SurveyPoints = table.Column<double>(type: "REAL", nullable: false),
                    DealPointsPer10K = table.Column<double>(type: "REAL", nullable: false),
                    DealPointsCap = table.Column<double>(type: "REAL", nullable: false),
                    UrgencyPoints = table.Column<double>(type: "REAL", nullable: false),
                    PartnershipPoints = table.Column<double>(type: "REAL", nullable: false),
                    StrategicFitPoints = table.Column<double>(type: "REAL", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedByUserId = table.Column<string>(type: "TEXT", nullable: true),
                    RowVersion = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PrioritySettings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RequestComments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RequestId = table.Column<long>(type: "INTEGER", nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: false),
                    AuthorUserId = table.Column<string>(type: "TEXT", nullable: true),
                    AuthorName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RequestComments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RequestComments_FeatureRequests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "FeatureRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RequestMerges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    KeptRequestId = table.Column<long>(type: "INTEGER", nullable: false),
                    MergedRequestId = table.Column<long>(type: "INTEGER", nullable: false),
                    PreviousStatus = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    MergedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    MergedByUserId = table.Column<string>(type: "TEXT", nullable: true),
                    UndoneAt = table.Column<long>(type: "INTEGER", nullable: true),
                    UndoneByUserId = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RequestMerges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RequestMerges_FeatureRequests_KeptRequestId",
                        column: x => x.KeptRequestId,
                        principalTable: "FeatureRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RequestMerges_FeatureRequests_MergedRequestId",
                        column: x => x.MergedRequestId,
                        principalTable: "FeatureRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RequestPriorities",
                columns: table => new
                {
                    RequestId = table.Column<long>(type: "INTEGER", nullable: false),
                    SurveyScore = table.Column<double>(type: "REAL", nullable: true),
                    SurveyImportedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DealValue = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    Urgency = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    PartnershipStrength = table.Column<int>(type: "INTEGER", nullable: false),
                    PartnershipNote = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    StrategicFit = table.Column<int>(type: "INTEGER", nullable: true),
                    StrategicFitByUserId = table.Column<string>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RowVersion = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RequestPriorities", x => x.RequestId);
                    table.ForeignKey(
                        name: "FK_RequestPriorities_FeatureRequests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "FeatureRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RequestScoreChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RequestId = table.Column<long>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Score = table.Column<double>(type: "REAL", nullable: false),
                    PreviousScore = table.Column<double>(type: "REAL", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Breakdown = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    ByUserId = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RequestScoreChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RequestScoreChanges_FeatureRequests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "FeatureRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RequestStatusChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RequestId = table.Column<long>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    From = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    To = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    ByUserId = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RequestStatusChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RequestStatusChanges_FeatureRequests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "FeatureRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FeatureRequestSources",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SourceKey = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    RequestId = table.Column<long>(type: "INTEGER", nullable: false),
                    ImportId = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FeatureRequestSources", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FeatureRequestSources_BacklogImports_ImportId",
                        column: x => x.ImportId,
                        principalTable: "BacklogImports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_FeatureRequestSources_FeatureRequests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "FeatureRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RequestMergeVotes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MergeId = table.Column<long>(type: "INTEGER", nullable: false),
                    VoteId = table.Column<long>(type: "INTEGER", nullable: false),
                    Moved = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RequestMergeVotes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RequestMergeVotes_RequestMerges_MergeId",
                        column: x => x.MergeId,
                        principalTable: "RequestMerges",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LendingShopDeliveries_ReleaseId",
                table: "LendingShopDeliveries",
                column: "ReleaseId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FeatureRequests_MergedIntoId",
                table: "FeatureRequests",
                column: "MergedIntoId");

            migrationBuilder.CreateIndex(
                name: "IX_FeatureRequests_ReleaseId",
                table: "FeatureRequests",
                column: "ReleaseId");

            migrationBuilder.CreateIndex(
                name: "IX_FeatureRequests_RoadmapItemId",
                table: "FeatureRequests",
                column: "RoadmapItemId");

            migrationBuilder.CreateIndex(
                name: "IX_FeatureRequests_Status",
                table: "FeatureRequests",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_BacklogImports_CreatedAt",
                table: "BacklogImports",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_FeatureRequestSources_ImportId",
                table: "FeatureRequestSources",
                column: "ImportId");

            migrationBuilder.CreateIndex(
                name: "IX_FeatureRequestSources_RequestId",
                table: "FeatureRequestSources",
                column: "RequestId");

            migrationBuilder.CreateIndex(
                name: "IX_FeatureRequestSources_SourceKey",
                table: "FeatureRequestSources",
                column: "SourceKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RequestComments_RequestId_CreatedAt",
                table: "RequestComments",
                columns: new[] { "RequestId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_RequestMerges_KeptRequestId",
                table: "RequestMerges",
                column: "KeptRequestId");

            migrationBuilder.CreateIndex(
                name: "IX_RequestMerges_MergedRequestId",
                table: "RequestMerges",
                column: "MergedRequestId",
                unique: true,
                filter: "\"UndoneAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_RequestMergeVotes_MergeId",
                table: "RequestMergeVotes",
                column: "MergeId");

            migrationBuilder.CreateIndex(
                name: "IX_RequestMergeVotes_VoteId",
                table: "RequestMergeVotes",
                column: "VoteId");

            migrationBuilder.CreateIndex(
                name: "IX_RequestScoreChanges_RequestId_At",
                table: "RequestScoreChanges",
                columns: new[] { "RequestId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_RequestStatusChanges_RequestId_At",
                table: "RequestStatusChanges",
                columns: new[] { "RequestId", "At" });

            migrationBuilder.AddForeignKey(
                name: "FK_FeatureRequests_FeatureRequests_MergedIntoId",
                table: "FeatureRequests",
                column: "MergedIntoId",
                principalTable: "FeatureRequests",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_FeatureRequests_Releases_ReleaseId",
                table: "FeatureRequests",
                column: "ReleaseId",
                principalTable: "Releases",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_FeatureRequests_RoadmapItems_RoadmapItemId",
                table: "FeatureRequests",
                column: "RoadmapItemId",
                principalTable: "RoadmapItems",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_FeatureRequests_FeatureRequests_MergedIntoId",
                table: "FeatureRequests");

            migrationBuilder.DropForeignKey(
                name: "FK_FeatureRequests_Releases_ReleaseId",
                table: "FeatureRequests");

            migrationBuilder.DropForeignKey(
                name: "FK_FeatureRequests_RoadmapItems_RoadmapItemId",
                table: "FeatureRequests");

            migrationBuilder.DropTable(
                name: "FeatureRequestSources");

            migrationBuilder.DropTable(
                name: "PrioritySettings");

            migrationBuilder.DropTable(
                name: "RequestComments");

            migrationBuilder.DropTable(
                name: "RequestMergeVotes");

            migrationBuilder.DropTable(
                name: "RequestPriorities");

            migrationBuilder.DropTable(
                name: "RequestScoreChanges");

            migrationBuilder.DropTable(
                name: "RequestStatusChanges");

            migrationBuilder.DropTable(
                name: "BacklogImports");

            migrationBuilder.DropTable(
                name: "RequestMerges");

            migrationBuilder.DropIndex(
                name: "IX_LendingShopDeliveries_ReleaseId",
                table: "LendingShopDeliveries");

            migrationBuilder.DropIndex(
                name: "IX_FeatureRequests_MergedIntoId",
                table: "FeatureRequests");

            migrationBuilder.DropIndex(
                name: "IX_FeatureRequests_ReleaseId",
                table: "FeatureRequests");

            migrationBuilder.DropIndex(
                name: "IX_FeatureRequests_RoadmapItemId",
                table: "FeatureRequests");

            migrationBuilder.DropIndex(
                name: "IX_FeatureRequests_Status",
                table: "FeatureRequests");

            migrationBuilder.DropColumn(
                name: "MergedIntoId",
                table: "FeatureRequests");

            migrationBuilder.DropColumn(
                name: "ReleaseId",
                table: "FeatureRequests");

            migrationBuilder.DropColumn(
                name: "RoadmapItemId",
                table: "FeatureRequests");

            migrationBuilder.CreateIndex(
                name: "IX_LendingShopDeliveries_ReleaseId",
                table: "LendingShopDeliveries",
                column: "ReleaseId");
        }
    }
}
