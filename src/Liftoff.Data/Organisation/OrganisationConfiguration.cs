using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Liftoff.Data.Organisation;

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<OrganisationEntity>
{
    public void Configure(EntityTypeBuilder<OrganisationEntity> b)
    {
        b.ToTable("Organisations");
        b.Property(o => o.Name).HasMaxLength(200);
        b.HasIndex(o => o.Name).IsUnique();
        b.Property(o => o.NormalizedName).HasMaxLength(200);
        b.HasIndex(o => o.NormalizedName).IsUnique();
        b.Property(o => o.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(o => o.Segment).HasMaxLength(100);
        b.Property(o => o.Tier).HasMaxLength(100);
        b.Property(o => o.Country).HasMaxLength(100);
    }
}

internal sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> b)
    {
        b.Property(t => t.Key).HasMaxLength(60);
        b.HasIndex(t => t.Key).IsUnique();
        b.Property(t => t.Name).HasMaxLength(120);
        b.HasIndex(t => t.Name).IsUnique();
        b.Property(t => t.Responsibilities).HasMaxLength(2000);
        b.Property(t => t.RowVersion).IsConcurrencyToken();
        b.HasOne(t => t.Lead).WithMany().HasForeignKey(t => t.LeadUserId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(t => t.Members).WithOne().HasForeignKey(m => m.TeamId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(t => t.LeadChanges).WithOne().HasForeignKey(c => c.TeamId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TeamMemberConfiguration : IEntityTypeConfiguration<TeamMember>
{
    public void Configure(EntityTypeBuilder<TeamMember> b)
    {
        b.HasKey(m => new { m.TeamId, m.UserId });
        b.HasOne(m => m.User).WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TeamLeadChangeConfiguration : IEntityTypeConfiguration<TeamLeadChange>
{
    public void Configure(EntityTypeBuilder<TeamLeadChange> b)
    {
        b.HasIndex(c => new { c.TeamId, c.ChangedAt });
    }
}
