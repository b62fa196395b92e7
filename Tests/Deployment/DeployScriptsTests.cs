using System.Diagnostics;
using Chat.Tests.ClusterProcesses;
using Chat.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace Chat.Tests.Deployment;

/// <summary>
/// The CodeDeploy bundle's hooks (<c>deploy/</c>): the appspec names scripts that exist and are executable, and the stop
/// script, run for real against a loopback fake of the instance metadata service with <c>systemctl</c> and <c>aws</c>
/// stubbed on the PATH, stops the silo first and completes the termination lifecycle hook only when the instance is
/// leaving its Auto Scaling group.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DeployScriptsTests
{
    private static readonly string Deploy = Path.Combine(BuildOutput.RepositoryRoot, "deploy");

    [Fact]
    public void Appspec_RunsExistingExecutableScripts_ForStopInstallStartAndValidate()
    {
        using var reader = new StreamReader(Path.Combine(Deploy, "appspec.yml"));
        var yaml = new YamlStream();
        yaml.Load(reader);
        var hooks = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["hooks"];

        Assert.Equal(
            new[] { "ApplicationStart", "ApplicationStop", "BeforeInstall", "ValidateService" },
            hooks.Children.Keys.Select(CloudFormationTemplate.Scalar).Order());
        foreach (var (_, steps) in hooks.Children)
        {
            foreach (var step in ((YamlSequenceNode)steps).Children.Cast<YamlMappingNode>())
            {
                var script = Path.Combine(Deploy, CloudFormationTemplate.Get(step, "location")!);
                Assert.True(File.Exists(script), $"{script} is missing");
                Assert.True(File.GetUnixFileMode(script).HasFlag(UnixFileMode.UserExecute), $"{script} is not executable");
            }
        }
    }

    [Fact]
    public async Task StopScript_OnScaleIn_StopsTheSiloThenCompletesTheLifecycleHook()
    {
        var calls = await RunStopScriptAsync("Terminated");

        Assert.Equal(
            [
                "systemctl is-active --quiet chat.service",
                "systemctl stop chat.service",
                "aws autoscaling complete-lifecycle-action --region eu-west-1 --lifecycle-action-result CONTINUE " +
                "--lifecycle-hook-name chat-test-leave-cluster --auto-scaling-group-name chat-test-front --instance-id i-0123456789abcdef0",
            ],
            calls.Where(c => !c.StartsWith("systemctl list-unit-files", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task StopScript_OnADeployment_StopsTheSilo_AndLeavesTheLifecycleAlone()
    {
        var calls = await RunStopScriptAsync("InService");

        Assert.Contains("systemctl stop chat.service", calls);
        Assert.DoesNotContain(calls, c => c.StartsWith("aws ", StringComparison.Ordinal));
    }

    private static async Task<IReadOnlyList<string>> RunStopScriptAsync(string lifecycleState)
    {
        await using var imds = await FakeInstanceMetadataService.StartAsync(new Dictionary<string, string>
        {
            ["autoscaling/target-lifecycle-state"] = lifecycleState,
            ["instance-id"] = "i-0123456789abcdef0",
            ["tags/instance/aws:autoscaling:groupName"] = "chat-test-front",
        });
        using var directory = new TempDirectory();
        var bin = Directory.CreateDirectory(Path.Combine(directory.Path, "bin")).FullName;
        var etc = Directory.CreateDirectory(Path.Combine(directory.Path, "etc")).FullName;
        var log = Path.Combine(directory.Path, "calls.log");
        await File.WriteAllTextAsync(
            Path.Combine(etc, "chat.env"),
            "CHAT_ROLE=front\nCHAT_LIFECYCLE_HOOK=chat-test-leave-cluster\nChat__Aws__Region=eu-west-1\n");
        foreach (var command in new[] { "systemctl", "aws" })
        {
            var stub = Path.Combine(bin, command);
            await File.WriteAllTextAsync(stub, $"#!/usr/bin/env bash\necho \"{command} $*\" >>\"{log}\"\n");
            File.SetUnixFileMode(stub, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var start = new ProcessStartInfo("bash", [Path.Combine(Deploy, "scripts", "stop.sh")]);
        start.Environment["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH");
        start.Environment["CHAT_ETC"] = etc;
        start.Environment["CHAT_IMDS_ENDPOINT"] = imds.Endpoint.ToString().TrimEnd('/');
        var run = await ProcessRun.RunAsync(start, TimeSpan.FromSeconds(30));
        Assert.True(run.ExitCode == 0, $"stop.sh exited with {run}");
        return File.Exists(log) ? await File.ReadAllLinesAsync(log) : [];
    }
}
