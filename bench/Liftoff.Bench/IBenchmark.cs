namespace Liftoff.Bench;

/// <summary>One benchmark or quality evaluation, run by name from the command line.</summary>
public interface IBenchmark
{
    string Name { get; }

    string Usage { get; }

    Task<int> RunAsync(string[] args);
}

public sealed class BenchArgumentException(string message) : Exception(message);

/// <summary>Reads "--name value" pairs.</summary>
public sealed class BenchArgs
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public BenchArgs(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new BenchArgumentException($"unexpected argument '{args[i]}'");
            }
            // Read the name before a value advances i past it.
            var name = args[i][2..];
            var value = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i]
                : "true";
            _values[name] = value;
        }
    }

    public string Required(string name) =>
        _values.TryGetValue(name, out var v) ? v : throw new BenchArgumentException($"missing --{name}");

    public string? Optional(string name) => _values.GetValueOrDefault(name);

    public int Number(string name, int fallback) =>
        _values.TryGetValue(name, out var v) ? int.TryParse(v, out var i) ? i
            : throw new BenchArgumentException($"--{name} must be a whole number") : fallback;

    public string ExistingFile(string name)
    {
        var path = Required(name);
        return File.Exists(path) ? path : throw new BenchArgumentException($"--{name}: file not found: {path}");
    }
}

/// <summary>Percentiles over measured durations.</summary>
public static class Stats
{
    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }
        var sorted = values.Order().ToArray();
        var rank = p / 100.0 * (sorted.Length - 1);
        var lo = (int)Math.Floor(rank);
        var hi = (int)Math.Ceiling(rank);
        return sorted[lo] + ((sorted[hi] - sorted[lo]) * (rank - lo));
    }
}
