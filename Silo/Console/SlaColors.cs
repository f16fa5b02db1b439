using MudBlazor;

namespace WealthActors.Silo.WebConsole;

/// <summary>One colour per SLA state, the same on every page.</summary>
public static class SlaColors
{
    public static Color Of(SlaState state) => state switch
    {
        SlaState.OnTrack => Color.Success,
        SlaState.AtRisk => Color.Warning,
        SlaState.Breached => Color.Error,
        _ => Color.Default,
    };
}
