using Liftoff.Data.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Liftoff.Data.Backlog;

internal sealed class ProductAreaConfiguration : IEntityTypeConfiguration<ProductArea>
{
    public void Configure(EntityTypeBuilder<ProductArea> b)
    {
        b.ToTable("ProductAreas");
        b.Property(a => a.Name).HasMaxLength(100);
        b.HasIndex(a => a.Name).IsUnique();
    }
}

internal sealed class FeatureRequestConfiguration : IEntityTypeConfiguration<FeatureRequest>
{
    public void Configure(EntityTypeBuilder<FeatureRequest> b)
    {
        b.ToTable("FeatureRequests");
        b.Property(r => r.Title).HasMaxLength(300);
        b.Property(r => r.Description).HasMaxLength(20000);
        b.Property(r => r.InternalNotes).HasMaxLength(20000);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.RowVersion).IsConcurrencyToken();
        b.HasIndex(r => r.UpdatedAt);
        b.Property(r => r.SubmissionKey).HasMaxLength(120);
        // Double or concurrent submissions of one portal form store one request, on every instance.
        b.HasIndex(r => r.SubmissionKey).IsUnique();
        b.HasOne<OrganisationEntity>().WithMany().HasForeignKey(r => r.WrittenByOrganisationId)
            .OnDelete(DeleteBehavior.SetNull);
        // Set by database triggers (see the ChangeSequence migration); the app never writes it.
        b.Property(r => r.ChangeSeq).Metadata.SetBeforeSaveBehavior(PropertySaveBehavior.Ignore);
        b.Property(r => r.ChangeSeq).Metadata.SetAfterSaveBehavior(PropertySaveBehavior.Ignore);
        b.HasIndex(r => r.ChangeSeq);
        b.HasOne(r => r.Area).WithMany().HasForeignKey(r => r.AreaId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(r => r.Votes).WithOne().HasForeignKey(v => v.RequestId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RequestVoteConfiguration : IEntityTypeConfiguration<RequestVote>
{
    public void Configure(EntityTypeBuilder<RequestVote> b)
    {
        b.ToTable("RequestVotes");
        b.Property(v => v.ContactEmail).HasMaxLength(320);
        b.Property(v => v.ContactName).HasMaxLength(200);
        // The same organisation and contact never count twice on one request, even under concurrent clicks.
        b.HasIndex(v => new { v.RequestId, v.OrganisationId, v.ContactEmail }).IsUnique();
        b.HasOne(v => v.Organisation).WithMany().HasForeignKey(v => v.OrganisationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class BacklogImportConfiguration : IEntityTypeConfiguration<BacklogImport>
{
    public void Configure(EntityTypeBuilder<BacklogImport> b)
    {
        b.ToTable("BacklogImports");
        b.Property(i => i.FileName).HasMaxLength(260);
        b.Property(i => i.Fingerprint).HasMaxLength(64);
        b.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(i => i.Mapping).HasMaxLength(4000);
        b.Property(i => i.Summary).HasMaxLength(4000);
        b.Property(i => i.LeaseOwner).HasMaxLength(64);
        b.Property(i => i.RowVersion).IsConcurrencyToken();
        b.HasIndex(i => i.CreatedAt);
    }
}

internal sealed class FeatureRequestSourceConfiguration : IEntityTypeConfiguration<FeatureRequestSource>
{
    public void Configure(EntityTypeBuilder<FeatureRequestSource> b)
    {
        b.ToTable("FeatureRequestSources");
        b.Property(s => s.SourceKey).HasMaxLength(450);
        b.HasIndex(s => s.SourceKey).IsUnique();
        b.HasOne<FeatureRequest>().WithMany().HasForeignKey(s => s.RequestId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<BacklogImport>().WithMany().HasForeignKey(s => s.ImportId).OnDelete(DeleteBehavior.Restrict);
    }
}
