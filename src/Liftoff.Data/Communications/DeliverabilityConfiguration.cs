using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Liftoff.Data.Communications;

internal sealed class SuppressedAddressConfiguration : IEntityTypeConfiguration<SuppressedAddress>
{
    public void Configure(EntityTypeBuilder<SuppressedAddress> b)
    {
        b.ToTable("SuppressedAddresses");
        b.Property(s => s.Email).HasMaxLength(320);
        b.Property(s => s.Reason).HasMaxLength(20);
        b.Property(s => s.Note).HasMaxLength(1000);
        b.Property(s => s.CreatedBy).HasMaxLength(320);
        b.HasIndex(s => s.Email).IsUnique();
    }
}

internal sealed class DeliveryEventConfiguration : IEntityTypeConfiguration<DeliveryEvent>
{
    public void Configure(EntityTypeBuilder<DeliveryEvent> b)
    {
        b.ToTable("DeliveryEvents");
        b.Property(e => e.Kind).HasMaxLength(20);
        b.Property(e => e.Email).HasMaxLength(320);
        b.Property(e => e.Status).HasMaxLength(100);
        b.Property(e => e.Detail).HasMaxLength(1000);
        b.Property(e => e.ReportMessageId).HasMaxLength(500);
        b.HasIndex(e => new { e.Email, e.Kind, e.ReceivedAt });
        b.HasIndex(e => e.CampaignId);
        b.HasIndex(e => e.ReportMessageId);
    }
}

internal sealed class UnparsedMailMessageConfiguration : IEntityTypeConfiguration<UnparsedMailMessage>
{
    public void Configure(EntityTypeBuilder<UnparsedMailMessage> b)
    {
        b.ToTable("UnparsedMailMessages");
        b.Property(m => m.MessageId).HasMaxLength(500);
        b.Property(m => m.From).HasMaxLength(500);
        b.Property(m => m.Subject).HasMaxLength(500);
        b.Property(m => m.Reason).HasMaxLength(500);
        b.Property(m => m.Excerpt).HasMaxLength(4000);
        b.HasIndex(m => m.MessageId);
        b.HasIndex(m => m.ReceivedAt);
    }
}

internal sealed class MailboxCursorConfiguration : IEntityTypeConfiguration<MailboxCursor>
{
    public void Configure(EntityTypeBuilder<MailboxCursor> b)
    {
        b.ToTable("MailboxCursors");
        b.HasKey(c => c.Mailbox);
        b.Property(c => c.Mailbox).HasMaxLength(200);
        b.Property(c => c.LeaseOwner).HasMaxLength(64);
        b.Property(c => c.LastError).HasMaxLength(1000);
    }
}
