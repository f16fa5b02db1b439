namespace WealthActors.Grains;

/// <summary>The grain storage provider every WealthActors grain persists to.</summary>
public static class GrainStorage
{
    public const string Name = "wealth";
}
