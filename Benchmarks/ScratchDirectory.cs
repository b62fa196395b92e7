namespace Chat.Benchmarks;

/// <summary>A fresh directory under the temp folder for one benchmark's store, removed when the benchmark is done.</summary>
public static class ScratchDirectory
{
    public static string Create() => Path.Combine(Path.GetTempPath(), "chat-benchmarks", Guid.NewGuid().ToString("N"));

    public static void Delete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open: the OS temp cleaner takes it.
        }
    }
}
