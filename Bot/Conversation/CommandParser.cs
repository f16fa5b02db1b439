namespace WealthActors.Bot.Conversation;

/// <summary>
/// Turns a chat message into a <see cref="BotCommand"/>. Pure and total: any input, however odd, gives a result,
/// never an exception.
/// </summary>
public static class CommandParser
{
    /// <summary>Longer input is not a command anyone types; it is cut before parsing so the work stays bounded.</summary>
    public const int MaxInputLength = 2000;

    private static readonly char[] IdTrailers = ['.', '。', '!', '?', ')', '）'];

    public static ParseResult Parse(string? input)
    {
        var text = TextNormalizer.Normalize(input is { Length: > MaxInputLength } ? input[..MaxInputLength] : input);
        // Slash commands ("/help") are a habit from other bots; the slash adds nothing.
        text = text.TrimStart('/');
        var fallback = TextNormalizer.ContainsCjk(text) || text.Length == 0 ? BotLanguage.Chinese : BotLanguage.English;
        if (MatchVerb(text) is not { } match)
        {
            return ParseResult.Unknown(fallback);
        }

        var (verb, rest) = match;
        var language = verb.Language;
        var args = TextNormalizer.TrimSeparators(rest);
        return verb.Kind switch
        {
            CommandKind.Help or CommandKind.MyQueue or CommandKind.MyTasks => ParseResult.Ok(new BotCommand(verb.Kind, language)),
            CommandKind.Client or CommandKind.Suggest => args.Length == 0
                ? ParseResult.Incomplete(verb.Kind, language)
                : ParseResult.Ok(new BotCommand(verb.Kind, language, Subject: args)),
            CommandKind.Breaches => ParseResult.Ok(new BotCommand(verb.Kind, language, Subject: FirstWord(args).Word)),
            CommandKind.Complain => ParseComplaint(args, language),
            CommandKind.Assign => ParseAssignment(args, language),
            CommandKind.Severity => ParseSeverityChange(args, language),
            CommandKind.Show or CommandKind.Acknowledge or CommandKind.Resume or CommandKind.Progress =>
                IdAndText(verb.Kind, args, language, textRequired: false),
            _ => IdAndText(verb.Kind, args, language, textRequired: true),
        };
    }

    private static (CommandVocabulary.Verb Verb, string Tail)? MatchVerb(string text)
    {
        foreach (var verb in CommandVocabulary.Verbs)
        {
            if (!text.StartsWith(verb.Word, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var rest = text[verb.Word.Length..];
            // "clientele" is not "client …"; a Chinese verb may run straight into its argument.
            var boundary = rest.Length == 0 || TextNormalizer.IsSeparator(rest[0])
                || TextNormalizer.IsCjk(verb.Word[^1]) || !char.IsAsciiLetterOrDigit(verb.Word[^1]);
            if (boundary)
            {
                return (verb, rest);
            }
        }

        return null;
    }

    private static ParseResult IdAndText(CommandKind kind, string args, BotLanguage language, bool textRequired)
    {
        var (id, rest) = FirstWord(args);
        if (id is null || (textRequired && rest.Length == 0))
        {
            return ParseResult.Incomplete(kind, language, id is null ? null : CleanId(id));
        }

        return ParseResult.Ok(new BotCommand(kind, language, Subject: CleanId(id), Text: rest.Length == 0 ? null : rest));
    }

    private static ParseResult ParseAssignment(string args, BotLanguage language)
    {
        var (id, rest) = FirstWord(args);
        var (target, reason) = FirstWord(rest);
        if (target is not null && CommandVocabulary.AssignPrepositions.Contains(target))
        {
            (target, reason) = FirstWord(reason);
        }

        if (id is null || target is null)
        {
            return ParseResult.Incomplete(CommandKind.Assign, language, id is null ? null : CleanId(id));
        }

        return ParseResult.Ok(new BotCommand(CommandKind.Assign, language, Subject: CleanId(id),
            Text: reason.Length == 0 ? null : reason, Target: CleanId(target)));
    }

    /// <summary>"级别 X 紧急 客户再次来电": the case, the new severity, an optional reason.</summary>
    private static ParseResult ParseSeverityChange(string args, BotLanguage language)
    {
        var (id, rest) = FirstWord(args);
        var (word, reason) = FirstWord(rest);
        if (id is null || word is null || !CommandVocabulary.TryParseSeverity(word, out var severity))
        {
            return ParseResult.Incomplete(CommandKind.Severity, language, id is null ? null : CleanId(id));
        }

        return ParseResult.Ok(new BotCommand(CommandKind.Severity, language, Subject: CleanId(id),
            Text: reason.Length == 0 ? null : reason, Severity: severity));
    }

    /// <summary>
    /// "投诉 张伟 高 转账三天未到账": the client is everything before the first severity word (a name may hold a
    /// space, "Zhang Wei"), the description everything after it.
    /// </summary>
    private static ParseResult ParseComplaint(string args, BotLanguage language)
    {
        var words = new List<string>();
        var rest = args;
        while (FirstWord(rest) is { Word: { } word } next)
        {
            if (words.Count > 0 && CommandVocabulary.TryParseSeverity(word, out var severity))
            {
                var description = next.Tail;
                return description.Length == 0
                    ? ParseResult.Incomplete(CommandKind.Complain, language)
                    : ParseResult.Ok(new BotCommand(CommandKind.Complain, language,
                        Subject: string.Join(' ', words), Text: description, Severity: severity));
            }

            words.Add(word);
            rest = next.Tail;
        }

        return ParseResult.Incomplete(CommandKind.Complain, language);
    }

    /// <summary>The first word and what follows it, with separators trimmed; Word is null when nothing is left.</summary>
    private static (string? Word, string Tail) FirstWord(string text)
    {
        var trimmed = TextNormalizer.TrimSeparators(text);
        if (trimmed.Length == 0)
        {
            return (null, string.Empty);
        }

        var end = 0;
        while (end < trimmed.Length && !TextNormalizer.IsSeparator(trimmed[end]))
        {
            end++;
        }

        return (trimmed[..end], TextNormalizer.TrimSeparators(trimmed[end..]));
    }

    private static string CleanId(string word) => word.TrimEnd(IdTrailers);
}
