using BenchmarkDotNet.Running;
using Chat.Benchmarks;
using Chat.Benchmarks.Rooms;

if (args.Length > 0 && args[0] == RoomMemory.Command)
{
    return await RoomMemory.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(BenchmarkConfig).Assembly).Run(args, BenchmarkConfig.Create());
return 0;
