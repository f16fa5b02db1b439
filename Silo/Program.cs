using WealthActors.Silo.Apis;
using WealthActors.Silo.Care;
using WealthActors.Silo.Demo;
using WealthActors.Silo.Hosting;
using WealthActors.Silo.Jobs;

var builder = WebApplication.CreateBuilder(args);
if (args.Contains(DemoSetup.Flag))
{
    builder.AddWealthActorsDemo();
}

builder.AddWealthActorsSilo();
builder.AddWealthActorsApi();
builder.AddWealthActorsBot();
builder.AddWealthActorsJobs();
builder.AddWealthActorsCare();
builder.AddWealthActorsOperations();

var app = builder.Build();
if (args.Contains(SchemaCommand.Verb))
{
    return await SchemaCommand.Run(app);
}

app.MapWealthActorsApi();
app.MapWealthActorsBot();
app.MapWealthActorsOperations();
await app.RunAsync();
return 0;

/// <summary>Entry point type, visible to the HTTP tests' WebApplicationFactory.</summary>
public partial class Program;
