using System.Diagnostics;

namespace Chat.Tests.Infrastructure;

/// <summary>
/// Runs a process to its end with its output captured: what a test does with a script or a <c>dotnet</c> command. A
/// process still running at the timeout is killed with its children, and the wait ends with a <see cref="TimeoutException"/>.
/// </summary>
public static class ProcessRun
{
    /// <summary>How a run ended: its exit code and what it wrote.</summary>
    public sealed record Result(int ExitCode, string Output, string Errors)
    {
        public override string ToString() => $"exit code {ExitCode}:\n{Output}\n{Errors}";
    }

    public static async Task<Result> RunAsync(ProcessStartInfo start, TimeSpan timeout)
    {
        start.UseShellExecute = false;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{start.FileName} {string.Join(' ', start.ArgumentList)}' did not finish within {timeout.TotalSeconds:0} s.");
        }

        return new Result(process.ExitCode, await output, await errors);
    }
}
