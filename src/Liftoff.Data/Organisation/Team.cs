using Liftoff.Data.Identity;

namespace Liftoff.Data.Organisation;

/// <summary>An internal team such as Delivery or Customer Success. Its lead is data: leads change.</summary>
public class Team
{
    public int Id { get; set; }

    /// <summary>Stable key used by playbooks to route work ("delivery", "customer-success").</summary>
    public string Key { get; set; } = "";

    public string Name { get; set; } = "";

    public string Responsibilities { get; set; } = "";

    public string? LeadUserId { get; set; }

    public AppUser? Lead { get; set; }

    public List<TeamMember> Members { get; set; } = [];

    public List<TeamLeadChange> LeadChanges { get; set; } = [];

    /// <summary>Optimistic concurrency: incremented on every save (see AppDbContext).</summary>
    public int RowVersion { get; set; }
}

public class TeamMember
{
    public int TeamId { get; set; }

    public string UserId { get; set; } = "";

    public AppUser? User { get; set; }

    public DateTimeOffset AddedAt { get; set; }
}

/// <summary>One change of a team's lead, kept as history.</summary>
public class TeamLeadChange
{
    public int Id { get; set; }

    public int TeamId { get; set; }

    public string? PreviousLeadUserId { get; set; }

    public string? NewLeadUserId { get; set; }

    public string? ChangedByUserId { get; set; }

    public DateTimeOffset ChangedAt { get; set; }
}
