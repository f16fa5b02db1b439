namespace WealthActors.Silo.Storage.ReadModel;

/// <summary>The timeline history's statements, the same text for both SQL read models (only the bindings differ).</summary>
internal static class TimelineSql
{
    // Numbered events never change: a repeat after a crash writes the same row again.
    public const string Append = """
        INSERT INTO rm_timeline (complaint_id, seq, at, kind, by_actor, text, via)
        VALUES (@complaint_id, @seq, @at, @kind, @by_actor, @text, @via)
        ON CONFLICT (complaint_id, seq) DO NOTHING;
        """;

    public const string History = """
        SELECT seq, at, kind, by_actor, text, via
        FROM rm_timeline
        WHERE complaint_id = @complaint_id AND seq < @before
        ORDER BY seq DESC
        LIMIT @limit;
        """;
}
