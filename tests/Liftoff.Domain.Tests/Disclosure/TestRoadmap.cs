using Liftoff.Domain.Disclosure;

namespace Liftoff.Domain.Tests.Disclosure;

/// <summary>A small survey-drone roadmap; every test builds its own guard from it.</summary>
internal static class TestRoadmap
{
    public static readonly DateOnly Today = new(2026, 11, 26);

    public static List<RoadmapItem> Items() =>
    [
        new("AeroMap X2", "Skyhawk", ["X2 airframe"], "2027-Q2"),
        new("Oblique camera payload", "Nightjar", ["five-lens payload"], "2027-03"),
        new("AeroPlan 5.0", "Halcyon", ["AeroPlan 5"], "2027-02-15", Versions: ["5.0"]),
        new("Flight log cloud sync", "Merlin", ["log sync"], "2026-12"),
        new("AeroPlan 4.8", "Basalt", null, "2026-06", IsPublic: true, Versions: ["4.8"]),
        new("LiDAR payload LX200", "Marlin", ["LX200"], "2025-09", IsPublic: true),
    ];

    public static DisclosureGuard Guard(DisclosureOptions? options = null) => new(Items(), options);

    public static DisclosureResult Check(string text, string? audience = null,
        IEnumerable<ApprovedStatement>? approved = null) =>
        Guard().Check(text, audience, approved, Today);

    /// <summary>The original text under each finding, to assert on what was matched.</summary>
    public static List<string> Spans(string text, DisclosureResult result) =>
        result.Findings.Select(f => text.Substring(f.Start, f.Length)).ToList();
}
