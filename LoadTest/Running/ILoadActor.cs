namespace Chat.LoadTest.Running;

/// <summary>Something that generates load: a virtual user sending over its hub connection, or one making REST requests.</summary>
public interface ILoadActor
{
    /// <summary>Operations started and not yet answered.</summary>
    int InFlight { get; }

    /// <summary>One operation (a send, a request); records its own outcome and never throws.</summary>
    Task RunOnceAsync();
}
