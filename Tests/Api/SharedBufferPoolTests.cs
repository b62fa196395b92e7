using Chat.Api.Infrastructure;

namespace Chat.Tests.Api;

/// <summary>The front silo's size for the shared array pool: set unless the operator chose one.</summary>
public sealed class SharedBufferPoolTests
{
    [Fact]
    public void Configure_SetsTheDefault_WhenTheEnvironmentHasNone_AndKeepsAnOperatorsValue()
    {
        var before = Environment.GetEnvironmentVariable(SharedBufferPool.Variable);
        try
        {
            Environment.SetEnvironmentVariable(SharedBufferPool.Variable, null);
            SharedBufferPool.Configure();
            Assert.Equal("1024", Environment.GetEnvironmentVariable(SharedBufferPool.Variable));

            Environment.SetEnvironmentVariable(SharedBufferPool.Variable, "64");
            SharedBufferPool.Configure();
            Assert.Equal("64", Environment.GetEnvironmentVariable(SharedBufferPool.Variable));
        }
        finally
        {
            Environment.SetEnvironmentVariable(SharedBufferPool.Variable, before);
        }
    }
}
