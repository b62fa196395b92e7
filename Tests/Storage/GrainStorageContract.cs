using Orleans.Storage;

namespace Chat.Tests.Storage;

/// <summary>
/// What every <see cref="IGrainStorage"/> of ours must do. Each store's test class only says how to build it.
/// </summary>
public abstract class GrainStorageContract
{
    protected const string StateName = "state";

    /// <summary>The store under test.</summary>
    protected abstract IGrainStorage Storage { get; }

    protected static GrainId NewGrain() => GrainId.Create("test-grain", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Read_OfStateNeverWritten_HasNoRecordAndNoETag()
    {
        var state = new GrainState<TestState>(new TestState());

        await Storage.ReadStateAsync(StateName, NewGrain(), state);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
    }

    [Fact]
    public async Task Write_ThenRead_RoundTripsTheStateAndETag()
    {
        var grain = NewGrain();
        var written = new GrainState<TestState>(new TestState { Count = 7, Text = "seven ✓" });

        await Storage.WriteStateAsync(StateName, grain, written);
        var read = new GrainState<TestState>(new TestState());
        await Storage.ReadStateAsync(StateName, grain, read);

        Assert.True(read.RecordExists);
        Assert.NotNull(written.ETag);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal(7, read.State!.Count);
        Assert.Equal("seven ✓", read.State!.Text);
    }

    [Fact]
    public async Task Write_Twice_ChangesTheETagAndKeepsTheLatestState()
    {
        var grain = NewGrain();
        var state = new GrainState<TestState>(new TestState { Count = 1 });
        await Storage.WriteStateAsync(StateName, grain, state);
        var first = state.ETag;

        state.State!.Count = 2;
        await Storage.WriteStateAsync(StateName, grain, state);

        Assert.NotEqual(first, state.ETag);
        var read = new GrainState<TestState>(new TestState());
        await Storage.ReadStateAsync(StateName, grain, read);
        Assert.Equal(2, read.State!.Count);
    }

    [Fact]
    public async Task Write_WithStaleETag_IsRefusedWithInconsistentStateException()
    {
        var grain = NewGrain();
        await Storage.WriteStateAsync(StateName, grain, new GrainState<TestState>(new TestState { Count = 1 }));
        var mine = new GrainState<TestState>(new TestState());
        var theirs = new GrainState<TestState>(new TestState());
        await Storage.ReadStateAsync(StateName, grain, mine);
        await Storage.ReadStateAsync(StateName, grain, theirs);
        theirs.State!.Count = 2;
        await Storage.WriteStateAsync(StateName, grain, theirs);

        mine.State!.Count = 3;
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, grain, mine));

        var read = new GrainState<TestState>(new TestState());
        await Storage.ReadStateAsync(StateName, grain, read);
        Assert.Equal(2, read.State!.Count);
    }

    [Fact]
    public async Task Write_WithoutETag_OverAnExistingRecord_IsRefused()
    {
        var grain = NewGrain();
        await Storage.WriteStateAsync(StateName, grain, new GrainState<TestState>(new TestState { Count = 1 }));

        await Assert.ThrowsAsync<InconsistentStateException>(
            () => Storage.WriteStateAsync(StateName, grain, new GrainState<TestState>(new TestState { Count = 2 })));
    }

    [Fact]
    public async Task Clear_RemovesTheRecordAndResetsTheState()
    {
        var grain = NewGrain();
        var state = new GrainState<TestState>(new TestState { Count = 5 });
        await Storage.WriteStateAsync(StateName, grain, state);

        await Storage.ClearStateAsync(StateName, grain, state);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.Equal(0, state.State!.Count);
        var read = new GrainState<TestState>(new TestState());
        await Storage.ReadStateAsync(StateName, grain, read);
        Assert.False(read.RecordExists);
        await Storage.WriteStateAsync(StateName, grain, new GrainState<TestState>(new TestState { Count = 6 }));
    }

    [Fact]
    public async Task Clear_WithStaleETag_IsRefusedAndKeepsTheRecord()
    {
        var grain = NewGrain();
        var mine = new GrainState<TestState>(new TestState { Count = 1 });
        await Storage.WriteStateAsync(StateName, grain, mine);
        var theirs = new GrainState<TestState>(new TestState());
        await Storage.ReadStateAsync(StateName, grain, theirs);
        await Storage.WriteStateAsync(StateName, grain, theirs);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.ClearStateAsync(StateName, grain, mine));

        var read = new GrainState<TestState>(new TestState());
        await Storage.ReadStateAsync(StateName, grain, read);
        Assert.True(read.RecordExists);
    }

    [Fact]
    public async Task States_OfOneGrainUnderDifferentNames_AreKeptApart()
    {
        var grain = NewGrain();
        await Storage.WriteStateAsync("first", grain, new GrainState<TestState>(new TestState { Count = 1 }));
        await Storage.WriteStateAsync("second", grain, new GrainState<TestState>(new TestState { Count = 2 }));

        var read = new GrainState<TestState>(new TestState());
        await Storage.ReadStateAsync("first", grain, read);

        Assert.Equal(1, read.State!.Count);
    }
}
