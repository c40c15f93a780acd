using System.Globalization;
using System.Text.Json;

namespace Liftoff.Domain.Disclosure;

/// <summary>One labelled text: <paramref name="Leak"/> says whether a careful reviewer would stop it.</summary>
public sealed record CorpusCase(string Text, bool Leak, string? Audience, IReadOnlyList<ApprovedStatement> Approved);

/// <summary>
/// A labelled set of texts with the roadmap they are judged against, in the JSON form
/// <c>{"today":"2026-11-26","items":[…],"approved":[…],"cases":[{"text":"…","leak":true}]}</c>.
/// Parsing takes a string so that reading the file stays with the caller.
/// </summary>
public sealed record DisclosureCorpus(DateOnly Today, IReadOnlyList<RoadmapItem> Items, IReadOnlyList<CorpusCase> Cases)
{
    /// <param name="fallbackToday">Used when the corpus does not fix its own "today".</param>
    public static DisclosureCorpus Parse(string json, DateOnly fallbackToday)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var today = root.TryGetProperty("today", out var t) && t.ValueKind == JsonValueKind.String
            ? DateOnly.ParseExact(t.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture)
            : fallbackToday;
        var items = root.GetProperty("items").EnumerateArray().Select(ParseItem).ToList();
        var shared = root.TryGetProperty("approved", out var a) ? ParseApproved(a) : [];
        var cases = root.GetProperty("cases").EnumerateArray().Select(c => new CorpusCase(
            c.GetProperty("text").GetString() ?? string.Empty,
            c.GetProperty("leak").GetBoolean(),
            Optional(c, "audience"),
            c.TryGetProperty("approved", out var own) ? [.. shared, .. ParseApproved(own)] : shared)).ToList();
        return new DisclosureCorpus(today, items, cases);
    }

    private static RoadmapItem ParseItem(JsonElement e) =>
        new(e.GetProperty("title").GetString() ?? string.Empty,
            Optional(e, "codename"),
            Strings(e, "aliases"),
            Optional(e, "target"),
            e.TryGetProperty("public", out var p) && p.ValueKind == JsonValueKind.True,
            Strings(e, "versions"))
        {
            Id = Optional(e, "id"),
        };

    private static List<ApprovedStatement> ParseApproved(JsonElement array) =>
        array.EnumerateArray()
            .Select(s => new ApprovedStatement(Optional(s, "organisation") ?? string.Empty, Optional(s, "text")
                ?? string.Empty))
            .ToList();

    private static string? Optional(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static List<string> Strings(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray().Select(x => x.GetString()).OfType<string>().ToList()
            : [];
}
