using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Liftoff.Data.Platform;

/// <summary>
/// A generated secret every instance shares (e.g. the key of return-path tokens), stored encrypted with
/// Data Protection, never in clear.
/// </summary>
public class ProtectedSecret
{
    public string Name { get; set; } = "";

    public string ProtectedValue { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class ProtectedSecretConfiguration : IEntityTypeConfiguration<ProtectedSecret>
{
    public void Configure(EntityTypeBuilder<ProtectedSecret> b)
    {
        b.ToTable("ProtectedSecrets");
        b.HasKey(s => s.Name);
        b.Property(s => s.Name).HasMaxLength(100);
        b.Property(s => s.ProtectedValue).HasMaxLength(4000);
    }
}
