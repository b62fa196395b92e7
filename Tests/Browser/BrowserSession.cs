using System.Collections.Concurrent;
using Chat.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Chat.Tests.Browser;

/// <summary>
/// One test's browser contexts (one per user, isolated like two browsers) and everything their pages wrote to the
/// console. On failure, <see cref="BrowserAppFixture.RunAsync"/>-style callers save a screenshot of every page and the
/// console log (see <see cref="SaveFailureArtifactsAsync"/>).
/// </summary>
public sealed class BrowserSession(BrowserAppFixture app, string testName) : IAsyncDisposable
{
    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 800 };
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 780 };

    private readonly List<(string Name, IBrowserContext Context, IPage Page)> _users = [];
    private readonly ConcurrentQueue<string> _console = new();

    public BrowserAppFixture App => app;

    /// <summary>Console messages and page errors of every page, in order, each prefixed with its user.</summary>
    public IReadOnlyCollection<string> Console => _console;

    /// <summary>A new browser (context) for <paramref name="name"/>, on the app's start page.</summary>
    public async Task<ChatPage> OpenAsync(string name, ViewportSize? viewport = null, ColorScheme colorScheme = ColorScheme.Light)
    {
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseUrl.ToString(),
            ViewportSize = viewport ?? Desktop,
            ColorScheme = colorScheme,
        });
        // Generous: the machine running the suite may be busy; a passing step never waits this long.
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        page.Console += (_, message) => _console.Enqueue($"[{name}] {message.Type}: {message.Text}");
        page.PageError += (_, error) => _console.Enqueue($"[{name}] page error: {error}");
        _users.Add((name, context, page));
        await page.GotoAsync("/");
        return new ChatPage(page, name);
    }

    /// <summary>A user registered through the REST API and signed in by handing its token to a new browser.</summary>
    public async Task<(ChatPage Page, ChatTestClient RestClient)> SignedInAsync(string prefix, ViewportSize? viewport = null)
    {
        var rest = await new ChatTestClient(app.BaseUrl).RegisterAsync(ChatTestClient.UniqueName(prefix));
        var page = await OpenAsync(rest.UserName, viewport);
        await page.Page.EvaluateAsync(
            "([userName, token]) => sessionStorage.setItem('chat.session', JSON.stringify({ userName, token }))",
            new[] { rest.UserName, rest.Token });
        await page.Page.ReloadAsync();
        await page.WaitSignedInAsync();
        return (page, rest);
    }

    /// <summary>Saves a screenshot of each page and the console log under the artifacts folder; returns where.</summary>
    public async Task<string> SaveFailureArtifactsAsync()
    {
        var directory = Path.Combine(BrowserAppFixture.ArtifactsDirectory, "failures", testName);
        Directory.CreateDirectory(directory);
        foreach (var (name, _, page) in _users)
        {
            try
            {
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, name + ".png"), FullPage = true, Timeout = 5_000 });
            }
            catch (PlaywrightException error)
            {
                _console.Enqueue($"[{name}] (no screenshot: {error.Message})");
            }
        }

        await File.WriteAllLinesAsync(Path.Combine(directory, "console.log"), _console);
        return directory;
    }

    /// <summary>Runs a test body; on failure saves the artifacts and rethrows with where they are and the app's log tail.</summary>
    public static async Task RunAsync(BrowserAppFixture app, string testName, Func<BrowserSession, Task> body)
    {
        await using var session = new BrowserSession(app, testName);
        try
        {
            await body(session);
        }
        catch (Exception error)
        {
            var directory = await session.SaveFailureArtifactsAsync();
            throw new BrowserTestFailedException($"{error.Message}\nScreenshots and console: {directory}\n{app.App.LogTail(15)}", error);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (_, context, _) in _users)
        {
            await context.CloseAsync();
        }
    }
}
