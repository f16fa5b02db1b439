using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace WealthActors.Bot.Channels.WeCom;

/// <summary>
/// Reads the callback XML. The body comes from the internet before anything is authenticated, so DTDs are refused
/// (no entity expansion, no external fetches) and the document size is capped.
/// </summary>
public static partial class WeComCallbackXml
{
    /// <summary>Far above any WeCom callback (a text message holds at most 2048 bytes of content).</summary>
    public const int MaxCharacters = 128 * 1024;

    /// <exception cref="WeComXmlException">The XML is malformed or has no <c>Encrypt</c>.</exception>
    public static WeComEncryptedEnvelope ParseEnvelope(string xml)
    {
        var root = LoadRoot(xml);
        return new WeComEncryptedEnvelope(
            Optional(root, "ToUserName") ?? string.Empty,
            Required(root, "Encrypt"),
            Optional(root, "AgentID"));
    }

    /// <exception cref="WeComXmlException">The XML is malformed or lacks MsgType, FromUserName, ToUserName or CreateTime.</exception>
    public static WeComCallbackMessage ParseMessage(string xml)
    {
        var root = LoadRoot(xml);
        var createTimeText = Required(root, "CreateTime");
        if (!long.TryParse(createTimeText.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var createTime))
        {
            throw new WeComXmlException("<CreateTime> is not a Unix time in seconds.");
        }

        return new WeComCallbackMessage
        {
            MsgType = Required(root, "MsgType"),
            FromUserName = Required(root, "FromUserName"),
            ToUserName = Required(root, "ToUserName"),
            CreateTime = createTime,
            Content = Optional(root, "Content"),
            MsgId = Optional(root, "MsgId"),
            AgentId = Optional(root, "AgentID"),
            Event = Optional(root, "Event"),
            EventKey = Optional(root, "EventKey"),
            TaskId = Optional(root, "TaskId"),
            CardType = Optional(root, "CardType"),
            ResponseCode = Optional(root, "ResponseCode"),
            SelectedItems = ParseSelectedItems(root),
        };
    }

    private static WeComSelectedItem[] ParseSelectedItems(XElement root) =>
        root.Element("SelectedItems")?.Elements("SelectedItem")
            .Select(item => new WeComSelectedItem(
                Optional(item, "QuestionKey") ?? string.Empty,
                item.Element("OptionIds")?.Elements("OptionId").Select(o => o.Value).ToArray() ?? []))
            .ToArray() ?? [];

    private static XElement LoadRoot(string xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        if (xml.Length > MaxCharacters)
        {
            throw new WeComXmlException($"The XML exceeds {MaxCharacters} characters.");
        }

        XDocument document;
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), CreateReaderSettings());
            document = XDocument.Load(reader);
        }
        catch (XmlException ex)
        {
            throw new WeComXmlException($"The XML is malformed or not allowed: {ex.Message}", ex);
        }

        return document.Root is { Name.LocalName: "xml" } root
            ? root
            : throw new WeComXmlException("The root element is not <xml>.");
    }

    // A new instance per read: the settings object is mutable and readers keep a reference to it.
    private static XmlReaderSettings CreateReaderSettings() => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = MaxCharacters,
        MaxCharactersFromEntities = 0,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
    };

    private static string Required(XElement parent, string name) =>
        parent.Element(name)?.Value ?? throw new WeComXmlException($"<{name}> is missing.");

    private static string? Optional(XElement parent, string name) => parent.Element(name)?.Value;
}
