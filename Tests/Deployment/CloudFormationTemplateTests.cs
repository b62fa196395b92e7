using Chat.Silo.Storage.DynamoDb;
using YamlDotNet.RepresentationModel;
using static Chat.Tests.Deployment.CloudFormationTemplate;

namespace Chat.Tests.Deployment;

/// <summary>
/// The production template (<c>cloudformation/chat.yaml</c>) keeps the promises docs/deploy.md makes: nothing but the
/// balancer open to the internet, silo ports only between silos, encrypted and recoverable tables with the very key
/// schemas the application uses, HTTPS only, IMDSv2 only, graceful scale-in, sticky sessions for SignalR.
/// </summary>
public sealed class CloudFormationTemplateTests
{
    private const int HttpPort = 8080;
    private const int SiloPort = 11111;
    private const int GatewayPort = 30000;
    private static readonly CloudFormationTemplate Template = CloudFormationTemplate.Load("cloudformation/chat.yaml");

    [Fact]
    public void OnlyTheBalancer_IsOpenToTheInternet_AndOnlyOn80And443()
    {
        var open = IngressRules().Where(r => r.Rule.Children.Keys.Any(k => Scalar(k) is "CidrIp" or "CidrIpv6")).ToList();

        Assert.NotEmpty(open);
        Assert.All(open, r =>
        {
            Assert.Equal("LoadBalancerSecurityGroup", r.Group);
            Assert.Contains(Template.Port(r.Rule["FromPort"]), new[] { 80, 443 });
            Assert.Equal(Template.Port(r.Rule["FromPort"]), Template.Port(r.Rule["ToPort"]));
        });
    }

    [Fact]
    public void SiloAndGatewayPorts_AreOpenOnlyToTheSilosOwnGroup()
    {
        var siloRules = IngressRules().Where(r => Covers(r.Rule, SiloPort) || Covers(r.Rule, GatewayPort)).ToList();

        Assert.Equal(2, siloRules.Count);
        Assert.All(siloRules, r =>
        {
            Assert.Equal("SiloSecurityGroup", r.Group);
            Assert.True(IsRef(Child(r.Rule, "SourceSecurityGroupId"), "SiloSecurityGroup"), "silo ports must be open to the silo group only");
        });
    }

    [Fact]
    public void TheAppPort_IsOpenOnlyToTheBalancer()
    {
        var appRules = IngressRules().Where(r => Covers(r.Rule, HttpPort)).ToList();

        var rule = Assert.Single(appRules);
        Assert.Equal("FrontSecurityGroup", rule.Group);
        Assert.True(IsRef(Child(rule.Rule, "SourceSecurityGroupId"), "LoadBalancerSecurityGroup"));
    }

    [Fact]
    public void TableSchemas_AreTheApplicationsOwn()
    {
        const string environment = "chat-test";
        var expected = DynamoDbTableInitializer.TableDefinitions(new DynamoDbOptions { TablePrefix = environment + "-" });
        var declared = Template.OfType("AWS::DynamoDB::Table").ToDictionary(
            t => Get(t.Properties, "TableName")!.Replace("${EnvironmentName}", environment, StringComparison.Ordinal),
            t => t.Properties);

        Assert.Equal(expected.Select(t => t.TableName).Order(), declared.Keys.Order());
        foreach (var table in expected)
        {
            var properties = declared[table.TableName];
            Assert.Equal(
                table.KeySchema.Select(k => (k.AttributeName, k.KeyType.Value)),
                List(properties, "KeySchema").Select(k => (Get(k, "AttributeName")!, Get(k, "KeyType")!)));
            Assert.Equal(
                table.AttributeDefinitions.Select(a => (a.AttributeName, a.AttributeType.Value)).Order(),
                List(properties, "AttributeDefinitions").Select(a => (Get(a, "AttributeName")!, Get(a, "AttributeType")!)).Order());
            Assert.Equal(table.BillingMode.Value, Get(properties, "BillingMode"));
        }
    }

    [Fact]
    public void EveryTable_IsEncryptedAndRecoverable_AndDataTablesAreProtectedFromDeletion()
    {
        foreach (var (name, properties) in Template.OfType("AWS::DynamoDB::Table"))
        {
            Assert.Equal("true", Get((YamlMappingNode)properties["SSESpecification"], "SSEEnabled"));
            Assert.Equal("true", Get((YamlMappingNode)properties["PointInTimeRecoverySpecification"], "PointInTimeRecoveryEnabled"));
            if (name != "MembershipTable")
            {
                Assert.Equal("true", Get(properties, "DeletionProtectionEnabled"));
                Assert.Equal("Retain", Get(Template.Resource(name), "DeletionPolicy"));
            }
        }
    }

    [Fact]
    public void Http_RedirectsToHttps_With301_AndHttpsUsesTheCertificateAndAModernPolicy()
    {
        var http = Template.PropertiesOf("HttpListener");
        var redirect = Assert.Single(List(http, "DefaultActions"));
        Assert.Equal("80", Get(http, "Port"));
        Assert.Equal("redirect", Get(redirect, "Type"));
        var config = (YamlMappingNode)redirect["RedirectConfig"];
        Assert.Equal(("HTTPS", "443", "HTTP_301"), (Get(config, "Protocol"), Get(config, "Port"), Get(config, "StatusCode")));

        var https = Template.PropertiesOf("HttpsListener");
        Assert.Equal(("HTTPS", "443"), (Get(https, "Protocol"), Get(https, "Port")));
        Assert.StartsWith("ELBSecurityPolicy-TLS13-1-2", Get(https, "SslPolicy"), StringComparison.Ordinal);
        Assert.True(IsRef(Child(Assert.Single(List(https, "Certificates")), "CertificateArn"), "LoadBalancerCertificateArn"));
        Assert.Equal(2, Template.OfType("AWS::ElasticLoadBalancingV2::Listener").Count());
    }

    [Fact]
    public void TargetGroup_IsSticky_ChecksReadiness_AndDrains()
    {
        var group = Template.PropertiesOf("TargetGroup");
        var attributes = KeyValues(group["TargetGroupAttributes"]);

        Assert.Equal("true", attributes["stickiness.enabled"]);
        Assert.Equal("lb_cookie", attributes["stickiness.type"]);
        Assert.InRange(int.Parse(attributes["deregistration_delay.timeout_seconds"], System.Globalization.CultureInfo.InvariantCulture), 10, 120);
        Assert.Equal("/health/ready", Get(group, "HealthCheckPath"));
        Assert.Equal(HttpPort, Template.Port(group["Port"]));
        var idle = KeyValues(Template.PropertiesOf("LoadBalancer")["LoadBalancerAttributes"])["idle_timeout.timeout_seconds"];
        Assert.True(int.Parse(idle, System.Globalization.CultureInfo.InvariantCulture) > 30, "the idle timeout must outlast SignalR's keep-alive and client timeout");
    }

    [Fact]
    public void EveryLaunchTemplate_RequiresImdsV2()
    {
        var templates = Template.OfType("AWS::EC2::LaunchTemplate").ToList();

        Assert.Equal(2, templates.Count);
        Assert.All(templates, t =>
        {
            var metadata = (YamlMappingNode)((YamlMappingNode)t.Properties["LaunchTemplateData"])["MetadataOptions"];
            Assert.Equal("required", Get(metadata, "HttpTokens"));
            Assert.Equal("1", Get(metadata, "HttpPutResponseHopLimit"));
        });
    }

    [Fact]
    public void EveryAutoScalingGroup_HasATerminationHook_AndScalesOnCpu()
    {
        var groups = Template.OfType("AWS::AutoScaling::AutoScalingGroup").ToList();
        var policies = Template.OfType("AWS::AutoScaling::ScalingPolicy").ToList();

        Assert.Equal(2, groups.Count);
        Assert.All(groups, g =>
        {
            var hook = Assert.Single(List(g.Properties, "LifecycleHookSpecificationList"));
            Assert.Equal("autoscaling:EC2_INSTANCE_TERMINATING", Get(hook, "LifecycleTransition"));
            Assert.Equal("CONTINUE", Get(hook, "DefaultResult"));
            var policy = Assert.Single(policies, p => IsRef(Child(p.Properties, "AutoScalingGroupName"), g.Name));
            var tracking = (YamlMappingNode)policy.Properties["TargetTrackingConfiguration"];
            Assert.Equal("ASGAverageCPUUtilization", Get((YamlMappingNode)tracking["PredefinedMetricSpecification"], "PredefinedMetricType"));
            Assert.True(IsRef(Child(tracking, "TargetValue"), "CpuTargetPercent"));
        });
        Assert.Equal("70", Get((YamlMappingNode)((YamlMappingNode)Template.Root["Parameters"])["CpuTargetPercent"], "Default"));
    }

    [Fact]
    public void NoLongLivedCredentials_AndTheInstanceRoleReachesOnlyItsOwnTables()
    {
        Assert.Empty(Template.OfType("AWS::IAM::AccessKey"));
        Assert.Empty(Template.OfType("AWS::IAM::User"));

        var policy = (YamlMappingNode)((YamlMappingNode)Assert.Single(List(Template.PropertiesOf("InstanceRole"), "Policies")))["PolicyDocument"];
        var statements = ((YamlSequenceNode)policy["Statement"]).Children.Cast<YamlMappingNode>().ToList();
        var tables = Assert.Single(statements, s => Get(s, "Sid") == "Tables");
        var resources = ((YamlSequenceNode)tables["Resource"]).Children.ToList();
        Assert.Equal(4, resources.Count);
        Assert.All(resources, r => Assert.Equal("!GetAtt", Tag(r)));
        Assert.All(statements, s => Assert.NotEqual("*", Get(s, "Resource")));
    }

    [Fact]
    public void TheCdn_SendsApiHubsAndHealthToTheBalancer_Uncached_OverHttps()
    {
        var config = (YamlMappingNode)Template.PropertiesOf("Distribution")["DistributionConfig"];
        var behaviors = List(config, "CacheBehaviors").ToDictionary(b => Get(b, "PathPattern")!);

        Assert.Equal(new[] { "/api/*", "/health/*", "/hubs/*" }, behaviors.Keys.Order());
        Assert.All(behaviors.Values, b =>
        {
            Assert.Equal("balancer", Get(b, "TargetOriginId"));
            Assert.Equal("4135ea2d-6df8-44a3-9df3-4b5a84be39ad", Get(b, "CachePolicyId")); // managed CachingDisabled
            Assert.Equal("https-only", Get(b, "ViewerProtocolPolicy"));
        });
        var origin = Assert.Single(List(config, "Origins"), o => Get(o, "Id") == "balancer");
        Assert.Equal("https-only", Get((YamlMappingNode)origin["CustomOriginConfig"], "OriginProtocolPolicy"));
        Assert.Equal("redirect-to-https", Get((YamlMappingNode)config["DefaultCacheBehavior"], "ViewerProtocolPolicy"));
    }

    [Fact]
    public void EveryBucket_BlocksPublicAccess()
    {
        var buckets = Template.OfType("AWS::S3::Bucket").ToList();

        Assert.Equal(2, buckets.Count);
        Assert.All(buckets, b =>
        {
            var block = (YamlMappingNode)b.Properties["PublicAccessBlockConfiguration"];
            Assert.All(new[] { "BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets" }, k => Assert.Equal("true", Get(block, k)));
        });
    }

    [Fact]
    public void Outputs_NameTheSite_TheBalancer_AndTheTables()
    {
        var outputs = Template.Outputs.Children.Keys.Select(Scalar).ToHashSet();

        Assert.Superset(new HashSet<string>
        {
            "SiteUrl", "LoadBalancerDnsName", "MembershipTableName", "GrainStateTableName", "MessagesTableName", "RoomDirectoryTableName",
            "SiteBucketName", "ArtifactsBucketName", "DistributionId", "CodeDeployApplicationName",
            "FrontDeploymentGroupName", "BackDeploymentGroupName", "DeployRoleArn",
        }, outputs);
    }

    [Fact]
    public void Deployments_RollOut_AndRollBackOnFailure()
    {
        foreach (var (_, group) in Template.OfType("AWS::CodeDeploy::DeploymentGroup"))
        {
            var rollback = (YamlMappingNode)group["AutoRollbackConfiguration"];
            Assert.Equal("true", Get(rollback, "Enabled"));
            Assert.Contains("DEPLOYMENT_FAILURE", ((YamlSequenceNode)rollback["Events"]).Children.Select(Scalar));
            Assert.Equal("IN_PLACE", Get((YamlMappingNode)group["DeploymentStyle"], "DeploymentType"));
        }

        var front = Template.PropertiesOf("FrontDeploymentGroup");
        Assert.Equal("WITH_TRAFFIC_CONTROL", Get((YamlMappingNode)front["DeploymentStyle"], "DeploymentOption"));
    }

    private static IEnumerable<YamlMappingNode> List(YamlMappingNode node, string key) =>
        ((YamlSequenceNode)node[key]).Children.Cast<YamlMappingNode>();

    private static bool Covers(YamlMappingNode rule, int port) =>
        Template.Port(rule["FromPort"]) <= port && port <= Template.Port(rule["ToPort"]);

    /// <summary>Every ingress rule, inline in a security group or a separate resource, with the group it opens.</summary>
    private static IEnumerable<(string Group, YamlMappingNode Rule)> IngressRules()
    {
        foreach (var (name, properties) in Template.OfType("AWS::EC2::SecurityGroup"))
        {
            if (Child(properties, "SecurityGroupIngress") is YamlSequenceNode rules)
            {
                foreach (var rule in rules.Children.Cast<YamlMappingNode>())
                {
                    yield return (name, rule);
                }
            }
        }

        foreach (var (_, rule) in Template.OfType("AWS::EC2::SecurityGroupIngress"))
        {
            var group = (YamlScalarNode)rule["GroupId"];
            yield return (group.Value!, rule);
        }
    }
}
