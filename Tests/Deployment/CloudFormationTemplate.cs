using Chat.Tests.ClusterProcesses;
using YamlDotNet.RepresentationModel;

namespace Chat.Tests.Deployment;

/// <summary>
/// A CloudFormation template read with a YAML parser, its short-form intrinsic functions (<c>!Ref</c>, <c>!Sub</c>, ...)
/// kept as node tags, with the few look-ups the tests need.
/// </summary>
public sealed class CloudFormationTemplate
{
    private CloudFormationTemplate(YamlMappingNode root) => Root = root;

    public YamlMappingNode Root { get; }

    public YamlMappingNode Resources => (YamlMappingNode)Root["Resources"];

    public YamlMappingNode Outputs => (YamlMappingNode)Root["Outputs"];

    public static CloudFormationTemplate Load(string relativePath)
    {
        var path = Path.Combine(BuildOutput.RepositoryRoot, relativePath);
        using var reader = new StreamReader(path);
        var stream = new YamlStream();
        stream.Load(reader);
        return new CloudFormationTemplate((YamlMappingNode)stream.Documents[0].RootNode);
    }

    /// <summary>Every resource of a type (<c>AWS::EC2::SecurityGroup</c>), by logical id.</summary>
    public IEnumerable<(string Name, YamlMappingNode Properties)> OfType(string type) =>
        from entry in Resources.Children
        let resource = (YamlMappingNode)entry.Value
        where Scalar(resource["Type"]) == type
        select (Scalar(entry.Key), Properties(resource));

    public YamlMappingNode Resource(string name) => (YamlMappingNode)Resources[name];

    public YamlMappingNode PropertiesOf(string name) => Properties(Resource(name));

    /// <summary>A port given as a number or as <c>!FindInMap [map, key, name]</c>.</summary>
    public int Port(YamlNode node)
    {
        if (Tag(node) == "!FindInMap")
        {
            var path = ((YamlSequenceNode)node).Children.Select(Scalar).ToArray();
            node = ((YamlMappingNode)((YamlMappingNode)((YamlMappingNode)Root["Mappings"])[path[0]])[path[1]])[path[2]];
        }

        return int.Parse(Scalar(node), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static YamlMappingNode Properties(YamlMappingNode resource) =>
        resource.Children.TryGetValue(new YamlScalarNode("Properties"), out var properties) ? (YamlMappingNode)properties : new YamlMappingNode();

    /// <summary>A node's short-form function (<c>!Ref</c>, <c>!GetAtt</c>, ...), or "" for a plain value.</summary>
    public static string Tag(YamlNode node) => node.Tag.IsEmpty || node.Tag.IsNonSpecific ? "" : node.Tag.Value;

    public static string Scalar(YamlNode node) => ((YamlScalarNode)node).Value ?? "";

    /// <summary>The child's scalar value, or null when the key is absent.</summary>
    public static string? Get(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar ? scalar.Value : null;

    public static YamlNode? Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    /// <summary>Whether a node is <c>!Ref name</c> (or <c>{ Ref: name }</c>).</summary>
    public static bool IsRef(YamlNode? node, string name) =>
        node switch
        {
            YamlScalarNode scalar when Tag(scalar) == "!Ref" => scalar.Value == name,
            YamlMappingNode mapping => Get(mapping, "Ref") == name,
            _ => false,
        };

    /// <summary>A key/value list (<c>[{ Key: k, Value: v }]</c>, as load balancer attributes are written) as a dictionary.</summary>
    public static Dictionary<string, string> KeyValues(YamlNode node) =>
        ((YamlSequenceNode)node).Children.Cast<YamlMappingNode>().ToDictionary(e => Get(e, "Key")!, e => Get(e, "Value")!);
}
