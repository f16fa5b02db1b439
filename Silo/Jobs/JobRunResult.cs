namespace WealthActors.Silo.Jobs;

/// <summary>What one run of a job did: how many items it looked at and how many messages or records it created.</summary>
public sealed record JobRunResult(string Job, int Scanned, int Created);
