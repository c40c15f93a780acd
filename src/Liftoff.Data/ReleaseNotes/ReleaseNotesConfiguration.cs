using Liftoff.Data.Rollout;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Liftoff.Data.ReleaseNotes;

internal sealed class ReleaseNotesConfiguration : IEntityTypeConfiguration<ReleaseNotesEntity>
{
    public void Configure(EntityTypeBuilder<ReleaseNotesEntity> b)
    {
        b.ToTable("ReleaseNotes");
        b.Property(n => n.CustomerMarkdown).HasMaxLength(100_000);
        b.Property(n => n.CustomerImpactMarkdown).HasMaxLength(100_000);
        b.Property(n => n.DeliveryApprovedByUserId).HasMaxLength(450);
        b.Property(n => n.CustomerSuccessApprovedByUserId).HasMaxLength(450);
        b.Property(n => n.UpdatedByUserId).HasMaxLength(450);
        b.Property(n => n.Audience).HasConversion<string>().HasMaxLength(20);
        b.Property(n => n.AnnouncedItemIds).HasMaxLength(2000);
        b.Property(n => n.AnnouncedVersions).HasMaxLength(500);
        b.Property(n => n.AnnouncedDates).HasMaxLength(2000);
        b.Property(n => n.RowVersion).IsConcurrencyToken();
        b.Ignore(n => n.Approved);
        b.HasIndex(n => n.ReleaseId).IsUnique();
        b.HasOne<ReleaseEntity>().WithMany().HasForeignKey(n => n.ReleaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(n => n.Items).WithOne().HasForeignKey(i => i.ReleaseNotesId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReleaseNoteItemConfiguration : IEntityTypeConfiguration<ReleaseNoteItem>
{
    public void Configure(EntityTypeBuilder<ReleaseNoteItem> b)
    {
        b.ToTable("ReleaseNoteItems");
        b.Property(i => i.Text).HasMaxLength(4000);
        b.HasIndex(i => new { i.ReleaseNotesId, i.Position });
    }
}
