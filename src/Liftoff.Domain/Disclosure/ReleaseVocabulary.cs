namespace Liftoff.Domain.Disclosure;

/// <summary>What a word can signal; one word may signal several things ("release").</summary>
[Flags]
internal enum WordClass
{
    None = 0,
    Release = 1,
    Product = 2,
    Event = 4,
    Upcoming = 8,
    UpcomingNoun = 16,
    VersionContext = 32,
    Past = 64,
    Future = 128,
    DateStart = 256,
    LegalForm = 512,
}

/// <summary>Word lists that decide whether a date in a sentence is a release date.</summary>
internal static class ReleaseVocabulary
{
    private static readonly string[] ReleaseWords = [
        "release", "releases", "released", "releasing", "launch", "launches", "launched", "launching",
        "ship", "ships", "shipping", "available", "availability", "coming", "arrive", "arrives", "arriving", "lands",
        "rollout", "introduce", "introduces", "introducing", "unveil", "unveils", "unveiled", "unveiling",
        "announce", "announces", "announced", "announcing", "reveal", "reveals", "revealed", "debut", "debuts",
        "ready", "expect", "expected", "planned", "scheduled", "eta", "upcoming", "preorder", "preorders",
        "roadmap", "teaser", "sneak"];

    /// <summary>What a release is about; a date next to "available" alone may be an offer or a restock.</summary>
    private static readonly string[] ProductNouns = [
        "feature", "features", "functionality", "version", "versions", "release", "releases", "update", "updates",
        "upgrade", "upgrades", "firmware", "software", "app", "apps", "drone", "drones", "airframe", "airframes",
        "aircraft", "payload", "payloads", "camera", "cameras", "sensor", "sensors", "lidar", "model", "models",
        "generation", "product", "products", "hardware", "module", "modules", "capability", "capabilities",
        "integration", "integrations", "successor", "editor", "tool", "tools", "function", "functions", "roadmap"];

    /// <summary>Events, logistics and commerce: their dates are not release dates.</summary>
    private static readonly string[] EventWords = [
        "webinar", "webinars", "workshop", "workshops", "training", "course", "courses", "seminar", "seminars",
        "conference", "expo", "booth", "registration", "register", "holiday", "holidays", "closed", "maintenance",
        "invoice", "invoices", "orders", "price", "prices", "pricing", "rent", "rental", "subscription"];

    private static readonly string[] UpcomingWords = ["next", "upcoming", "forthcoming", "future", "unreleased"];

    /// <summary>Nouns that make "next …" talk about the roadmap rather than the next mission or newsletter.</summary>
    private static readonly string[] UpcomingNouns = [
        "release", "releases", "version", "versions", "update", "updates", "upgrade", "generation", "gen", "model",
        "models", "drone", "drones", "airframe", "aircraft", "payload", "payloads", "camera", "cameras", "sensor",
        "sensors", "firmware", "feature", "features", "product", "products"];

    private static readonly string[] VersionContext = [
        "version", "ver", "release", "update", "upgrade", "firmware", "fw", "software", "app", "build", "beta"];

    private static readonly string[] PastMarkers = [
        "was", "were", "released", "launched", "shipped", "came", "went", "did", "had", "ago", "last", "since",
            "happened"];

    private static readonly string[] FutureMarkers = ["will", "shall", "going", "planned", "next", "upcoming",
        "coming"];

    private static readonly string[] LegalForms =
        ["gmbh", "ag", "ltd", "inc", "llc", "plc", "sa", "sarl", "srl", "spa", "bv", "oy", "ab", "corp", "corporation"];

    private static readonly string[] DateStartWords =
    [
        "january", "jan", "february", "feb", "march", "mar", "april", "apr", "may", "june", "jun", "july", "jul",
        "august", "aug", "september", "sep", "sept", "october", "oct", "november", "nov", "december", "dec",
        "spring", "summer", "autumn", "fall", "winter", "q", "h", "week", "month", "quarter", "year",
        "days", "weeks", "months", "christmas", "tomorrow",
    ];

    /// <summary>Every listed word with all it can signal, plus the product families of one roadmap.</summary>
    public static Dictionary<string, WordClass> Table(IEnumerable<string> productFamilies)
    {
        var table = new Dictionary<string, WordClass>(StringComparer.Ordinal);
        void Add(IEnumerable<string> words, WordClass c)
        {
            foreach (var w in words)
            {
                table[w] = table.GetValueOrDefault(w) | c;
            }
        }
        Add(ReleaseWords, WordClass.Release);
        Add(ProductNouns, WordClass.Product);
        Add(EventWords, WordClass.Event);
        Add(UpcomingWords, WordClass.Upcoming);
        Add(UpcomingNouns, WordClass.UpcomingNoun);
        Add(VersionContext, WordClass.VersionContext);
        Add(PastMarkers, WordClass.Past);
        Add(FutureMarkers, WordClass.Future);
        Add(DateStartWords, WordClass.DateStart);
        Add(LegalForms, WordClass.LegalForm);
        Add(productFamilies, WordClass.Product | WordClass.UpcomingNoun | WordClass.VersionContext);
        return table;
    }
}

/// <summary>Set of lower-case words that can be probed with a span, so checks do not allocate.</summary>
internal sealed class WordSet
{
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public WordSet(params string[] words) : this((IEnumerable<string>)words)
    {
    }

    public WordSet(IEnumerable<string> words) =>
        _lookup = new HashSet<string>(words, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    public bool Contains(ReadOnlySpan<char> word) => _lookup.Contains(word);
}
