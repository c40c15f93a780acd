using Liftoff.Domain.Disclosure;

namespace Liftoff.Bench;

/// <summary>Deterministic roadmaps and newsletters of any size, for timing the disclosure guard.</summary>
internal static class SyntheticRoadmap
{
    private static readonly string[] Syllables =
        ["ka", "ro", "ven", "tal", "mir", "sol", "dra", "nix", "bel", "qua", "tor", "zen", "lum", "fai", "gor", "hel",
            "pra", "sti"];

    private static readonly string[] Nouns =
        ["camera", "payload", "airframe", "planner", "sync", "mesh", "radio", "battery", "gimbal", "mapper", "viewer",
            "export"];

    private static readonly string[] Adjectives =
        ["oblique", "thermal", "rapid", "precise", "offline", "adaptive", "smart", "compact", "heavy", "silent",
            "modular", "robust"];

    private static readonly string[] Sentences =
    [
        "Thank you for flying with us this season and for all the feedback you sent.",
        "Our support team is available Monday to Friday from 08:00 to 17:00 CET.",
        "Join our webinar on 10 December 2026 to learn about advanced PPK workflows.",
        "The AeroMap X1 mapped more than 2,000 hectares of farmland for one customer in two days.",
        "Please update to AeroPlan 4.8.2 before your next mission to get the latest fixes.",
        "Calibrate the compass whenever you fly in a new location, especially near steel structures.",
        "Customer story: a quarry in the Alps now measures its stockpiles every week with our drones.",
        "The knowledge base has twenty new articles on ground control points and RTK setup.",
        "Our office is closed from 24 December 2026 to 2 January 2027; the hotline stays open for emergencies.",
        "Winter operations need warm batteries, so keep spares in an insulated case until take-off.",
        "Release notes for every version are linked at the bottom of this newsletter.",
        "<p>Read the <a href=\"https://example.com/kb\" title=\"knowledge base\">full article</a> online.</p>",
        "In 2025 our resellers trained more than three hundred new pilots across Europe.",
        "Ground sampling distance of 1.2 cm at 120 m lets you see every crack in the road surface.",
        "This new feature is currently in active development.",
    ];

    public static List<RoadmapItem> Items(int count, int seed)
    {
        var random = new Random(seed);
        var items = new List<RoadmapItem>(count);
        for (var i = 0; i < count; i++)
        {
            var codename = Word(random, 3);
            var title = $"{Pick(random, Adjectives)} {Pick(random, Nouns)} {Word(random, 2)}";
            var quarter = $"{2027 + (i % 2)}-Q{1 + (i % 4)}";
            items.Add(new RoadmapItem(
                Title: char.ToUpperInvariant(title[0]) + title[1..],
                Codename: char.ToUpperInvariant(codename[0]) + codename[1..],
                Aliases: [$"{Word(random, 2)}-{i}", $"{Pick(random, Nouns)} {Word(random, 2)}"],
                Target: quarter,
                IsPublic: i % 10 == 0,
                Versions: i % 50 == 1 ? [$"{6 + (i / 50)}.0"] : null));
        }
        return items;
    }

    public static string Newsletter(int words, IReadOnlyList<RoadmapItem> items, int seed)
    {
        var random = new Random(seed);
        var parts = new List<string>();
        var count = 0;
        while (count < words)
        {
            // Now and then a sentence names a public item, and rarely one leaks an unreleased one,
            // so the timed checks include real hits and findings.
            var roll = random.Next(40);
            var sentence = roll switch
            {
                0 => $"Rumour has it that {items[(random.Next(items.Count / 10) * 10) + 3].Codename} is coming in Q2 " +
                    $"2027.",
                < 4 => $"Many of you already use the {items[random.Next(items.Count / 10) * 10].Title}, which " +
                    $"shipped in 2024.",
                _ => Pick(random, Sentences),
            };
            parts.Add(sentence);
            count += sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        }
        return string.Join(' ', parts);
    }

    private static string Word(Random random, int syllables) =>
        string.Concat(Enumerable.Range(0, syllables).Select(_ => Pick(random, Syllables)));

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];
}
