namespace WealthActors.Silo.Jobs;

public sealed record JobRunResult(string Job, int Scanned, int Created);
