using System.Globalization;

namespace Chat.LoadTest.Measurement;

/// <summary>
/// A process's CPU time and resident memory read from Linux's <c>/proc/PID/stat</c> and <c>/proc/PID/status</c>.
/// CPU time is user + system time (fields 14 and 15 of <c>stat</c>) in clock ticks of <see cref="TicksPerSecond"/>
/// (USER_HZ, 100 on every Linux architecture .NET runs on); memory is <c>VmRSS</c>.
/// </summary>
public readonly record struct ProcessUsage(TimeSpan CpuTime, long ResidentBytes)
{
    public const int TicksPerSecond = 100;

    /// <summary>Reads the process's usage now; false when it does not exist (any more) or /proc is not there.</summary>
    public static bool TryRead(int pid, out ProcessUsage usage)
    {
        usage = default;
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var status = File.ReadAllText($"/proc/{pid}/status");
            if (TryParseCpu(stat, out var cpu) && TryParseResident(status, out var resident))
            {
                usage = new ProcessUsage(cpu, resident);
                return true;
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return false;
    }

    /// <summary>utime + stime of a <c>/proc/PID/stat</c> line. The command name may hold spaces and parentheses: fields are counted after the last ')'.</summary>
    public static bool TryParseCpu(string stat, out TimeSpan cpu)
    {
        cpu = TimeSpan.Zero;
        var end = stat.LastIndexOf(')');
        if (end < 0)
        {
            return false;
        }

        // After ')' come field 3 (state) onwards; utime is field 14, stime field 15.
        var fields = stat[(end + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 13
            || !long.TryParse(fields[11], NumberStyles.None, CultureInfo.InvariantCulture, out var user)
            || !long.TryParse(fields[12], NumberStyles.None, CultureInfo.InvariantCulture, out var system))
        {
            return false;
        }

        cpu = TimeSpan.FromSeconds((user + system) / (double)TicksPerSecond);
        return true;
    }

    /// <summary>The <c>VmRSS:   1234 kB</c> line of <c>/proc/PID/status</c>, in bytes.</summary>
    public static bool TryParseResident(string status, out long bytes)
    {
        bytes = 0;
        foreach (var line in status.Split('\n'))
        {
            if (!line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                continue;
            }

            var parts = line["VmRSS:".Length..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2 && parts[1] == "kB" && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var kb))
            {
                bytes = kb * 1024;
                return true;
            }
        }

        return false;
    }
}
