namespace WealthActors.Bot.Channels.Teams;

/// <summary>
/// The channel-agnostic card this layer renders for Teams: a title, label/value facts and command buttons. A button's
/// <see cref="TeamsCardButton.Command"/> is the text command it stands for (for example <c>ack CMP-42</c>), so a click
/// can be handled exactly like typing it.
/// </summary>
public sealed record TeamsCardModel(string Title, IReadOnlyList<TeamsCardFact> Facts, IReadOnlyList<TeamsCardButton> Buttons)
{
    /// <summary>Optional text under the title, such as what a message is about or what a click just did.</summary>
    public string? Subtitle { get; init; }
}

public sealed record TeamsCardFact(string Label, string Value);

public sealed record TeamsCardButton(string Title, string Command);
