using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Liftoff.Data.Support;

internal sealed class TicketVolumeConfiguration : IEntityTypeConfiguration<TicketVolumeEntity>
{
    public void Configure(EntityTypeBuilder<TicketVolumeEntity> b)
    {
        b.ToTable("TicketVolumes");
        b.Property(v => v.Channel).HasMaxLength(60);
        b.Property(v => v.Source).HasMaxLength(20);
        b.HasIndex(v => new { v.Date, v.Channel }).IsUnique();
    }
}
