using System.Diagnostics;
using System.Globalization;
using Liftoff.Domain.Support;

namespace Liftoff.Bench;

/// <summary>
/// Backtests the post-release surge forecast on a synthetic three-year history, release by
/// release, each forecast seeing only the days before its release, against the naive forecast
/// "the same as the last two weeks".
/// </summary>
public sealed class SupportBenchmark : IBenchmark
{
    private const int MinHistoryDays = 56;

    public string Name => "support";

    public string Usage => "[--seed N]";

    public Task<int> RunAsync(string[] args)
    {
        var seed = new BenchArgs(args).Number("seed", 1);
        var start = new DateOnly(2023, 1, 2);
        var data = SyntheticSupportHistory.Generate(seed, start, 3 * 365);
        var window = new SurgeForecastOptions().WindowDays;

        var forecastErrors = new List<double>();
        var naiveErrors = new List<double>();
        var cleanForecastErrors = new List<double>();
        var cleanNaiveErrors = new List<double>();
        var byKind = new Dictionary<bool, (List<double> Forecast, List<double> Naive)>
        {
            [true] = ([], []),
            [false] = ([], [])
        };
        int inBand = 0, days = 0, backtested = 0;
        var timings = new List<double>();
        foreach (var release in data.Releases.Where(r => r.Date.DayNumber - start.DayNumber >= MinHistoryDays))
        {
            var known = data.History.Before(release.Date);
            var earlier = data.Releases.Where(r => r.Date < release.Date).ToList();
            var clock = Stopwatch.StartNew();
            var outcome = SurgeForecast.Predict(known, earlier, release.Date, release.SignificantChanges);
            timings.Add(clock.Elapsed.TotalMilliseconds);
            if (!outcome.IsOk)
            {
                Console.Error.WriteLine($"{release.Date:yyyy-MM-dd}: {outcome.Errors[0].Message}");
                return Task.FromResult(1);
            }
            var counted = false;
            foreach (var day in outcome.Value.Days)
            {
                if (!data.History.TryGet(day.Date, out var actual) || actual <= 0
                    || !known.TryGet(day.Date.AddDays(-window), out var naive))
                {
                    continue;
                }
                var forecastError = 100.0 * Math.Abs(actual - day.Expected) / actual;
                var naiveError = 100.0 * Math.Abs(actual - naive) / actual;
                forecastErrors.Add(forecastError);
                naiveErrors.Add(naiveError);
                byKind[release.SignificantChanges].Forecast.Add(forecastError);
                byKind[release.SignificantChanges].Naive.Add(naiveError);
                if (!data.OutlierDays.Contains(day.Date))
                {
                    cleanForecastErrors.Add(forecastError);
                    cleanNaiveErrors.Add(naiveError);
                }
                inBand += actual >= day.Low && actual <= day.High ? 1 : 0;
                days++;
                counted = true;
            }
            backtested += counted ? 1 : 0;
        }

        var significant = data.Releases.Count(r => r.SignificantChanges);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seed={seed} days={data.History.DayCount} releases={data.Releases.Count} significant={significant} " +
                $"outlier_days={data.OutlierDays.Count}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"backtested_releases={backtested} forecast_days={days} band_coverage={100.0 * inBand / days:F1}% " +
                $"(nominal 90%)"));
        foreach (var (kind, (forecast, naive)) in byKind)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{(kind ? "significant" : "other"),-12} days={forecast.Count} mape={forecast.Average():F1} " +
                    $"naive_mape={naive.Average():F1}"));
        }
        Console.WriteLine(Invariant(
            $"predict_ms p50={Stats.Percentile(timings, 50):F2} p95={Stats.Percentile(timings, 95):F2}"));
        // MAPE punishes a single outage day (a handful of tickets against a forecast of a hundred)
        // hard, so the share of the error due to outlier days is shown separately.
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"without_outlier_days mape={cleanForecastErrors.Average():F1} " +
                $"naive_mape={cleanNaiveErrors.Average():F1} ape_p50={Stats.Percentile(forecastErrors, 50):F1} " +
                    $"naive_ape_p50={Stats.Percentile(naiveErrors, 50):F1}"));
        Console.WriteLine(Invariant($"mape={forecastErrors.Average():F1} naive_mape={naiveErrors.Average():F1}"));
        return Task.FromResult(0);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
