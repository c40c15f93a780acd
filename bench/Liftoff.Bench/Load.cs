namespace Liftoff.Bench;

/// <summary>The machine's load average: the machine is shared, and it says how far timings can be trusted.</summary>
internal static class Load
{
    public static string Average() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
