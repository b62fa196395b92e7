using Chat.Grains.Abstractions;
using Chat.Grains.Abstractions.Rooms;
using Chat.Grains.Abstractions.Users;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Grains;

/// <summary>References built from the cached grain types are the ones Orleans' GetGrain gives, and reach the grain.</summary>
[Collection(ClusterCollection.Name)]
public sealed class GrainReferencesTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Reference_WithAStringKey_IsTheGrainGetGrainNames_AndCallsReachIt()
    {
        var userName = ChatTestClient.UniqueName();
        var other = ChatTestClient.UniqueName();
        Assert.True(await fixture.Grains.GetGrain<IUserGrain>(userName).RegisterAsync("hash", "Registered through GetGrain"));

        // The first reference of an interface made through a factory of this type teaches its types, later ones are
        // built from them (the second round here, unless a test elsewhere taught them through another factory type
        // meanwhile): both kinds must match what GetGrain gives.
        foreach (var attempt in new[] { 1, 2 })
        {
            var reference = (GrainReference)(object)fixture.Grains.Reference<IUserGrain>(userName);
            var expected = (GrainReference)(object)fixture.Grains.GetGrain<IUserGrain>(userName);
            Assert.Equal(expected.GrainId, reference.GrainId);
            Assert.Equal(expected.InterfaceType, reference.InterfaceType);
            Assert.Equal("Registered through GetGrain", (await fixture.Grains.Reference<IUserGrain>(userName).GetProfileAsync())!.DisplayName);
        }

        Assert.NotEqual(fixture.Grains.Reference<IUserGrain>(userName).GetGrainId(), fixture.Grains.Reference<IUserGrain>(other).GetGrainId());
        Assert.Null(await fixture.Grains.Reference<IUserGrain>(other).GetProfileAsync());
    }

    [Fact]
    public void Reference_WithAnIntegerKey_IsTheGrainGetGrainNames_ForEachInterfaceApart()
    {
        foreach (var key in new[] { 0L, 7L })
        {
            Assert.Equal(fixture.Grains.GetGrain<IMessageAnalysisGrain>(key).GetGrainId(), fixture.Grains.Reference<IMessageAnalysisGrain>(key).GetGrainId());
            Assert.Equal(fixture.Grains.GetGrain<IMentionDeliveryGrain>(key).GetGrainId(), fixture.Grains.Reference<IMentionDeliveryGrain>(key).GetGrainId());
        }

        Assert.NotEqual(fixture.Grains.Reference<IMessageAnalysisGrain>(0).GetGrainId(), fixture.Grains.Reference<IMentionDeliveryGrain>(0).GetGrainId());
    }

    [Fact]
    public void Reference_WithoutAKey_IsRefused_AsGetGrainRefusesIt()
    {
        Assert.ThrowsAny<ArgumentException>(() => fixture.Grains.Reference<IRoomGrain>(" "));
        Assert.ThrowsAny<ArgumentException>(() => fixture.Grains.Reference<IRoomGrain>(""));
    }
}
