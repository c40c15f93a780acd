using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Liftoff.Data.Roadmap;

internal sealed class RoadmapPageConfiguration : IEntityTypeConfiguration<RoadmapPage>
{
    public void Configure(EntityTypeBuilder<RoadmapPage> b)
    {
        b.ToTable("RoadmapPages");
        b.Property(p => p.Key).HasMaxLength(60);
        b.HasIndex(p => p.Key).IsUnique();
        b.Property(p => p.Title).HasMaxLength(200);
        b.HasMany(p => p.Items).WithOne(i => i.Page).HasForeignKey(i => i.PageId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RoadmapItemConfiguration : IEntityTypeConfiguration<RoadmapItem>
{
    public void Configure(EntityTypeBuilder<RoadmapItem> b)
    {
        b.ToTable("RoadmapItems");
        b.Property(i => i.Title).HasMaxLength(200);
        b.Property(i => i.Codename).HasMaxLength(100);
        b.Property(i => i.Aliases).HasMaxLength(1000);
        b.Property(i => i.DescriptionMarkdown).HasMaxLength(20000);
        b.Property(i => i.Target).HasMaxLength(20);
        b.Property(i => i.Versions).HasMaxLength(200);
        b.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(i => i.RowVersion).IsConcurrencyToken();
        b.Ignore(i => i.AliasList);
        b.Ignore(i => i.VersionList);
        b.HasOne(i => i.Release).WithMany().HasForeignKey(i => i.ReleaseId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class ApprovedPhrasingConfiguration : IEntityTypeConfiguration<ApprovedPhrasing>
{
    public void Configure(EntityTypeBuilder<ApprovedPhrasing> b)
    {
        b.ToTable("ApprovedPhrasings");
        b.Property(p => p.Text).HasMaxLength(1000);
    }
}

internal sealed class ExternalStatementConfiguration : IEntityTypeConfiguration<ExternalStatement>
{
    public void Configure(EntityTypeBuilder<ExternalStatement> b)
    {
        b.ToTable("ExternalStatements");
        b.Property(s => s.Text).HasMaxLength(2000);
        b.Property(s => s.Context).HasMaxLength(2000);
        b.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(s => s.DecisionComment).HasMaxLength(2000);
        b.Property(s => s.RowVersion).IsConcurrencyToken();
        b.HasOne(s => s.Item).WithMany().HasForeignKey(s => s.RoadmapItemId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(s => s.Organisation).WithMany().HasForeignKey(s => s.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => new { s.OrganisationId, s.Status });
    }
}

internal sealed class DisclosureOverrideConfiguration : IEntityTypeConfiguration<DisclosureOverride>
{
    public void Configure(EntityTypeBuilder<DisclosureOverride> b)
    {
        b.ToTable("DisclosureOverrides");
        b.Property(o => o.TextHash).HasMaxLength(64);
        b.Property(o => o.MatchedText).HasMaxLength(500);
        b.Property(o => o.Reason).HasMaxLength(2000);
        b.HasIndex(o => o.TextHash);
    }
}

internal sealed class DisclosureOverrideRequestConfiguration : IEntityTypeConfiguration<DisclosureOverrideRequest>
{
    public void Configure(EntityTypeBuilder<DisclosureOverrideRequest> b)
    {
        b.ToTable("DisclosureOverrideRequests");
        b.Property(r => r.TextHash).HasMaxLength(64);
        b.Property(r => r.MatchedText).HasMaxLength(500);
        b.Property(r => r.Finding).HasMaxLength(500);
        b.Property(r => r.Reason).HasMaxLength(2000);
        b.Property(r => r.Source).HasMaxLength(300);
        b.Property(r => r.SourceTitle).HasMaxLength(300);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.DecisionComment).HasMaxLength(2000);
        b.HasIndex(r => new { r.Status, r.RequestedAt });
        b.HasIndex(r => new { r.TextHash, r.Start, r.Length, r.Status });
    }
}
