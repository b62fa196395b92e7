using Chat.Silo.Storage.DynamoDb;
using Orleans.Storage;

namespace Chat.Tests.Storage;

/// <summary>The grain-storage contract against DynamoDB (DynamoDB Local), plus DynamoDB's item size limit.</summary>
[Collection(DynamoDbLocalCollection.Name)]
public sealed class DynamoDbGrainStorageTests(DynamoDbLocalFixture dynamo) : GrainStorageContract
{
    protected override IGrainStorage Storage { get; } =
        new DynamoDbGrainStorage("test", dynamo.Client, dynamo.Options, new JsonTestGrainStorageSerializer());

    [Fact]
    public async Task Write_OfStateOverTheItemSizeLimit_IsRefusedWithAClearErrorAndWritesNothing()
    {
        var grain = NewGrain();
        var state = new GrainState<TestState>(new TestState { Text = new string('x', 410 * 1024) });

        var error = await Assert.ThrowsAsync<GrainStateTooLargeException>(() => Storage.WriteStateAsync(StateName, grain, state));

        Assert.Equal(DynamoDbGrainStorage.MaxItemBytes, error.LimitBytes);
        Assert.True(error.ItemBytes > error.LimitBytes);
        Assert.Contains("item limit", error.Message, StringComparison.Ordinal);
        Assert.Null(state.ETag);
        var read = new GrainState<TestState>(new TestState());
        await Storage.ReadStateAsync(StateName, grain, read);
        Assert.False(read.RecordExists);
    }

    [Fact]
    public async Task Write_OfStateJustUnderTheItemSizeLimit_IsStored()
    {
        var grain = NewGrain();
        var state = new GrainState<TestState>(new TestState { Text = new string('x', 399 * 1024) });

        await Storage.WriteStateAsync(StateName, grain, state);

        var read = new GrainState<TestState>(new TestState());
        await Storage.ReadStateAsync(StateName, grain, read);
        Assert.Equal(state.State!.Text.Length, read.State!.Text.Length);
    }
}
