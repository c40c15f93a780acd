using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;

namespace Liftoff.Web.Infrastructure.Embeddings;

/// <summary>
/// Lowers the threads ONNX Runtime starts for an encoder to the lowest CPU priority (on Linux, nice 19), so that
/// whenever an encoder's helper thread and a search both want a core, the search gets it.
/// </summary>
/// <remarks>
/// Only those native threads are lowered, found as the threads started while the encoder was created that carry the
/// name of the thread that created it (a new thread takes its creator's name; .NET names its own threads). A thread
/// that runs .NET code is never lowered: it may start other threads (the thread pool's, the garbage collector's),
/// which would inherit the priority and cannot be raised again.
/// </remarks>
internal static class LowPriority
{
    private const int Lowest = 19;
    private const string CreatorName = "Encoder setup";
    private static readonly TimeSpan SettleTime = TimeSpan.FromMilliseconds(50);

    /// <summary>Runs <paramref name="create"/> on a new thread and lowers the threads it started.</summary>
    public static T CreateLowered<T>(Func<T> create)
    {
        if (!OperatingSystem.IsLinux())
        {
            return create();
        }
        (T? Value, Exception? Error) result = default;
        var thread = new Thread(() =>
        {
            // Named here rather than before it starts, so that the name is the thread's before it starts any.
            Thread.CurrentThread.Name = CreatorName;
            var before = Threads();
            try
            {
                result.Value = create();
            }
            catch (Exception e)
            {
                result.Error = e;
            }
            var started = Threads().Except(before).Where(t => NameOf(t) == CreatorName).ToList();
            // A thread of .NET's own names itself as soon as it starts: one that had not yet is left out here.
            Thread.Sleep(SettleTime);
            foreach (var helper in started.Where(t => NameOf(t) == CreatorName))
            {
                // A failure leaves the thread as it was.
                _ = SetPriority(0, helper, Lowest);
            }
        })
        { IsBackground = true };
        thread.Start();
        thread.Join();
        if (result.Error is not null)
        {
            ExceptionDispatchInfo.Throw(result.Error);
        }
        return result.Value!;
    }

    /// <summary>The threads of this process at the lowest priority, with their names.</summary>
    public static IReadOnlyList<(int Id, string Name)> LoweredThreads() => OperatingSystem.IsLinux()
        ? Threads().Where(t => NiceOf(t) == Lowest).Select(t => (t, NameOf(t))).ToList()
        : [];

    private static HashSet<int> Threads() =>
        Directory.EnumerateDirectories("/proc/self/task").Select(d => int.Parse(Path.GetFileName(d))).ToHashSet();

    private static string NameOf(int thread) => Read($"/proc/self/task/{thread}/comm").TrimEnd('\n');

    // Field 19 of /proc/<tid>/stat, counted after the name in parentheses (which may hold spaces).
    private static int? NiceOf(int thread)
    {
        var stat = Read($"/proc/self/task/{thread}/stat");
        var nameEnd = stat.LastIndexOf(')');
        if (nameEnd < 0 || nameEnd + 2 > stat.Length)
        {
            return null;
        }
        var fields = stat[(nameEnd + 2)..].Split(' ');
        return fields.Length > 16 && int.TryParse(fields[16], out var nice) ? nice : null;
    }

    private static string Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return "";
        }
    }

    // Plain integers need no marshalling; LibraryImport would need unsafe code allowed in the whole project.
#pragma warning disable SYSLIB1054
    [DllImport("libc", EntryPoint = "setpriority")]
    private static extern int SetPriority(int which, int who, int priority);
#pragma warning restore SYSLIB1054
}
