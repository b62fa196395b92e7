using Microsoft.AspNetCore.SignalR;

namespace Chat.Tests.Infrastructure;

/// <summary>Hub errors end with <c>"{Code}: {message}"</c> (SignalR puts its own words before that).</summary>
public static class HubAssert
{
    public static async Task<HubException> FailsWithAsync(string code, Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<HubException>(call);
        Assert.Contains($"HubException: {code}: ", error.Message, StringComparison.Ordinal);
        return error;
    }
}
