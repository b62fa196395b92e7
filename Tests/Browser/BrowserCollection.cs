namespace Chat.Tests.Browser;

/// <summary>
/// End-to-end tests in headless Chromium against the real app process. One app and one browser for the whole
/// collection; it runs alone (a browser and an app process are more than a busy two-core machine shares well).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection : ICollectionFixture<BrowserAppFixture>
{
    public const string Name = "browser";
}
