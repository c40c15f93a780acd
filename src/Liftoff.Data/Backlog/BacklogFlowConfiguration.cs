using Liftoff.Data.Roadmap;
using Liftoff.Data.Rollout;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Liftoff.Data.Backlog;

/// <summary>The merge and status links of a request (its other columns are configured in
/// BacklogConfiguration).</summary>
internal sealed class FeatureRequestLinksConfiguration : IEntityTypeConfiguration<FeatureRequest>
{
    public void Configure(EntityTypeBuilder<FeatureRequest> b)
    {
        b.HasOne<FeatureRequest>().WithMany().HasForeignKey(r => r.MergedIntoId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<RoadmapItem>().WithMany().HasForeignKey(r => r.RoadmapItemId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<ReleaseEntity>().WithMany().HasForeignKey(r => r.ReleaseId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(r => r.Status);
    }
}

internal sealed class RequestCommentConfiguration : IEntityTypeConfiguration<RequestComment>
{
    public void Configure(EntityTypeBuilder<RequestComment> b)
    {
        b.ToTable("RequestComments");
        b.Property(c => c.Body).HasMaxLength(10000);
        b.Property(c => c.AuthorName).HasMaxLength(256);
        b.HasOne<FeatureRequest>().WithMany().HasForeignKey(c => c.RequestId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(c => new { c.RequestId, c.CreatedAt });
    }
}

internal sealed class RequestMergeConfiguration : IEntityTypeConfiguration<RequestMerge>
{
    public void Configure(EntityTypeBuilder<RequestMerge> b)
    {
        b.ToTable("RequestMerges");
        b.Property(m => m.PreviousStatus).HasConversion<string>().HasMaxLength(20);
        b.HasOne<FeatureRequest>().WithMany().HasForeignKey(m => m.KeptRequestId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<FeatureRequest>().WithMany().HasForeignKey(m => m.MergedRequestId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(m => m.Votes).WithOne().HasForeignKey(v => v.MergeId).OnDelete(DeleteBehavior.Cascade);
        // A request is merged into at most one other at a time, even when two people merge it at once.
        b.HasIndex(m => m.MergedRequestId).IsUnique().HasFilter("\"UndoneAt\" IS NULL");
        b.HasIndex(m => m.KeptRequestId);
    }
}

internal sealed class RequestMergeVoteConfiguration : IEntityTypeConfiguration<RequestMergeVote>
{
    public void Configure(EntityTypeBuilder<RequestMergeVote> b)
    {
        b.ToTable("RequestMergeVotes");
        b.HasIndex(v => v.VoteId);
    }
}

internal sealed class RequestPriorityConfiguration : IEntityTypeConfiguration<RequestPriority>
{
    public void Configure(EntityTypeBuilder<RequestPriority> b)
    {
        b.ToTable("RequestPriorities");
        b.HasKey(p => p.RequestId);
        b.HasOne<FeatureRequest>().WithOne().HasForeignKey<RequestPriority>(p => p.RequestId)
            .OnDelete(DeleteBehavior.Cascade);
        b.Property(p => p.DealValue).HasPrecision(18, 2);
        b.Property(p => p.Urgency).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.PartnershipNote).HasMaxLength(2000);
        b.Property(p => p.RowVersion).IsConcurrencyToken();
    }
}

internal sealed class PrioritySettingsConfiguration : IEntityTypeConfiguration<PrioritySettings>
{
    public void Configure(EntityTypeBuilder<PrioritySettings> b)
    {
        b.ToTable("PrioritySettings");
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.SegmentMultipliers).HasMaxLength(2000);
        b.Property(s => s.TierMultipliers).HasMaxLength(2000);
        b.Property(s => s.RowVersion).IsConcurrencyToken();
    }
}

internal sealed class RequestScoreChangeConfiguration : IEntityTypeConfiguration<RequestScoreChange>
{
    public void Configure(EntityTypeBuilder<RequestScoreChange> b)
    {
        b.ToTable("RequestScoreChanges");
        b.Property(c => c.Reason).HasMaxLength(300);
        b.Property(c => c.Breakdown).HasMaxLength(1000);
        b.HasOne<FeatureRequest>().WithMany().HasForeignKey(c => c.RequestId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(c => new { c.RequestId, c.At });
    }
}

internal sealed class RequestStatusChangeConfiguration : IEntityTypeConfiguration<RequestStatusChange>
{
    public void Configure(EntityTypeBuilder<RequestStatusChange> b)
    {
        b.ToTable("RequestStatusChanges");
        b.Property(c => c.From).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.To).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.Note).HasMaxLength(2000);
        b.HasOne<FeatureRequest>().WithMany().HasForeignKey(c => c.RequestId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(c => new { c.RequestId, c.At });
    }
}
