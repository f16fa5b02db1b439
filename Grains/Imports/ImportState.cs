using WealthActors.Imports;

namespace WealthActors.Grains.Imports;

[GenerateSerializer, Alias("WealthActors.ImportState")]
public sealed class ImportState
{
    [Id(0)] public ImportTicket? Ticket { get; set; }

    [Id(1)] public ImportRunState Status { get; set; }

    /// <summary>The last sheet row done; the next run starts after it.</summary>
    [Id(2)] public int LastRow { get; set; }

    [Id(3)] public int Processed { get; set; }

    [Id(4)] public int Failed { get; set; }

    [Id(5)] public List<ImportRowError> Errors { get; set; } = [];

    [Id(6)] public string? Reason { get; set; }
}
