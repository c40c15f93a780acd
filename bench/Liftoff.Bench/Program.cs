using System.Reflection;
using Liftoff.Bench;

// Every benchmark is a class implementing IBenchmark; the first argument picks one by name.
var benchmarks = Assembly.GetExecutingAssembly().GetTypes()
    .Where(t => typeof(IBenchmark).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
    .Select(t => (IBenchmark)Activator.CreateInstance(t)!)
    .OrderBy(b => b.Name, StringComparer.Ordinal)
    .ToList();

if (args.Length == 0 || benchmarks.All(b => b.Name != args[0]))
{
    Console.Error.WriteLine("usage: Liftoff.Bench <benchmark> [options]");
    foreach (var b in benchmarks)
    {
        Console.Error.WriteLine($"  {b.Name,-12} {b.Usage}");
    }
    return 2;
}

var benchmark = benchmarks.First(b => b.Name == args[0]);
try
{
    return await benchmark.RunAsync(args[1..]);
}
catch (BenchArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine($"usage: Liftoff.Bench {benchmark.Name} {benchmark.Usage}");
    return 2;
}
