using Microsoft.Extensions.DependencyInjection;
using WealthActors.Complaints;
using WealthActors.Samples.ExternalClient;
using WealthActors.Sla;

// An integrator's program (core banking, call centre) that talks to WealthActors as an Orleans client: it lists the
// SLA policies and, given --complaint <id>, reads that complaint's SLA status.
using var host = ClientHost.Build(args);
await host.StartAsync();
var grains = host.Services.GetRequiredService<IClusterClient>();

var policies = await grains.GetGrain<ISlaPolicyCatalogGrain>(ISlaPolicyCatalogGrain.DefaultKey).List();
foreach (var policy in policies)
{
    Console.WriteLine($"policy {policy.Id} v{policy.Version}: {policy.Name}");
}

var index = Array.IndexOf(args, "--complaint");
if (index >= 0 && index + 1 < args.Length)
{
    var complaint = await grains.GetGrain<IComplaintGrain>(args[index + 1]).GetView();
    Console.WriteLine($"complaint {complaint.ComplaintId}: {complaint.Status}, SLA {complaint.SlaState}, escalation level {complaint.EscalationLevel}");
}

await host.StopAsync();
