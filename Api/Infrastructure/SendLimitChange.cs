namespace Chat.Api.Infrastructure;

/// <summary>
/// <see cref="SendLatencyLimit"/> moved from <paramref name="From"/> to <paramref name="To"/> sends at once, after
/// <paramref name="Slow"/> of the <paramref name="Ended"/> sends that ended in the window took longer than the target.
/// </summary>
public readonly record struct SendLimitChange(int From, int To, int Slow, int Ended);
