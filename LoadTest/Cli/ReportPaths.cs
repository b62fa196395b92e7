namespace Chat.LoadTest.Cli;

/// <summary>Files the report is written to, besides the console; null for none.</summary>
public sealed record ReportPaths(string? Json, string? Markdown, string? Html)
{
    public static readonly ReportPaths None = new(null, null, null);
}
