using Liftoff.Data.Organisation;
using Liftoff.Data.Rollout;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Liftoff.Data.Communications;

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> b)
    {
        b.ToTable("Contacts");
        b.Property(c => c.Audience).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.Name).HasMaxLength(200);
        b.Property(c => c.Email).HasMaxLength(320);
        b.Property(c => c.NormalizedEmail).HasMaxLength(320);
        b.Property(c => c.ListName).HasMaxLength(200);
        b.Property(c => c.RowVersion).IsConcurrencyToken();
        b.HasIndex(c => new { c.Audience, c.NormalizedEmail }).IsUnique();
        b.HasOne<OrganisationEntity>().WithMany().HasForeignKey(c => c.OrganisationId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class NewsletterCampaignConfiguration : IEntityTypeConfiguration<NewsletterCampaign>
{
    public void Configure(EntityTypeBuilder<NewsletterCampaign> b)
    {
        b.ToTable("NewsletterCampaigns");
        b.Property(c => c.Subject).HasMaxLength(300);
        b.Property(c => c.Audience).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.ResellerMarkdown).HasMaxLength(100_000);
        b.Property(c => c.CustomerMarkdown).HasMaxLength(100_000);
        b.Property(c => c.PauseReason).HasMaxLength(1000);
        b.Property(c => c.RowVersion).IsConcurrencyToken();
        b.HasIndex(c => c.Status);
        b.HasOne<ReleaseEntity>().WithMany().HasForeignKey(c => c.ReleaseId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class NewsletterRecipientConfiguration : IEntityTypeConfiguration<NewsletterRecipient>
{
    public void Configure(EntityTypeBuilder<NewsletterRecipient> b)
    {
        b.ToTable("NewsletterRecipients");
        b.Property(r => r.Email).HasMaxLength(320);
        b.Property(r => r.Name).HasMaxLength(200);
        b.Property(r => r.Audience).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Status).HasMaxLength(20);
        b.Property(r => r.ClaimedBy).HasMaxLength(64);
        b.Property(r => r.LastError).HasMaxLength(1000);
        b.HasIndex(r => new { r.CampaignId, r.Email }).IsUnique();
        b.HasIndex(r => new { r.CampaignId, r.Status, r.Id });
        b.HasOne<NewsletterCampaign>().WithMany().HasForeignKey(r => r.CampaignId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Contact>().WithMany().HasForeignKey(r => r.ContactId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class LendingShopDeliveryConfiguration : IEntityTypeConfiguration<LendingShopDelivery>
{
    public void Configure(EntityTypeBuilder<LendingShopDelivery> b)
    {
        b.ToTable("LendingShopDeliveries");
        b.Property(d => d.Url).HasMaxLength(2000);
        b.Property(d => d.Body).HasMaxLength(20_000);
        b.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(d => d.LastError).HasMaxLength(1000);
        b.HasIndex(d => new { d.Status, d.NextAttemptAt });
        // Exactly one notification per release, also when two requests mark it released at once.
        b.HasIndex(d => d.ReleaseId).IsUnique();
        b.HasOne<ReleaseEntity>().WithMany().HasForeignKey(d => d.ReleaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(d => d.AttemptLog).WithOne().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class LendingShopAttemptConfiguration : IEntityTypeConfiguration<LendingShopAttempt>
{
    public void Configure(EntityTypeBuilder<LendingShopAttempt> b)
    {
        b.ToTable("LendingShopAttempts");
        b.Property(a => a.Error).HasMaxLength(1000);
    }
}
