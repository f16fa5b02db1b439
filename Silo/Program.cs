using WealthActors.Silo.Apis;
using WealthActors.Silo.Audit;
using WealthActors.Silo.Auth;
using WealthActors.Silo.Care;
using WealthActors.Silo.DataProtection;
using WealthActors.Silo.Demo;
using WealthActors.Silo.Hosting;
using WealthActors.Silo.Imports;
using WealthActors.Silo.Jobs;
using WealthActors.Silo.Suitability;
using WealthActors.Silo.WebConsole;

var commandLine = SiloCommandLine.Parse(args);
switch (commandLine.Verb)
{
    case null or SchemaCommand.Verb or AuditCommand.Verb or ResealCommand.Verb or ImportCommand.Verb or BackupCommand.Verb or EvidenceCommand.Verb:
        break;
    case ApiKeyCommand.Verb:
        return ApiKeyCommand.Run();
    default:
        await Console.Error.WriteLineAsync(
            $"Unknown command '{commandLine.Verb}'. Commands: {SchemaCommand.Verb}, {AuditCommand.Verb}, {ResealCommand.Verb}, {ImportCommand.Verb}, {BackupCommand.Verb}, {EvidenceCommand.Verb}, {ApiKeyCommand.Verb}; flags: {SiloCommandLine.DemoFlag}.");
        return 2;
}

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = commandLine.HostArguments,
    ContentRootPath = ContentRoot.Choose(commandLine.HostArguments),
    EnvironmentName = commandLine.Demo ? DemoSetup.EnvironmentName() : null,
});
if (commandLine.Demo)
{
    builder.AddWealthActorsDemo();
}

if (commandLine.Verb is AuditCommand.Verb or EvidenceCommand.Verb)
{
    AuditCommand.Configure(builder);
}

if (commandLine.Verb == ImportCommand.Verb)
{
    ImportCommand.Configure(builder);
}

builder.AddWealthActorsSilo();
builder.AddWealthActorsApi();
builder.AddWealthActorsBot();
builder.AddWealthActorsJobs();
builder.AddWealthActorsCare();
builder.AddWealthActorsOperations();
builder.AddWealthActorsConsole();

var app = builder.Build();
if (commandLine.Verb == SchemaCommand.Verb)
{
    return await SchemaCommand.Run(app);
}

if (commandLine.Verb == AuditCommand.Verb)
{
    return await AuditCommand.Run(app, commandLine.VerbArguments);
}

if (commandLine.Verb == EvidenceCommand.Verb)
{
    return await EvidenceCommand.Run(app, commandLine.VerbArguments);
}

if (commandLine.Verb == ResealCommand.Verb)
{
    return await ResealCommand.Run(app);
}

if (commandLine.Verb == ImportCommand.Verb)
{
    return await ImportCommand.Run(app, commandLine.VerbArguments);
}

if (commandLine.Verb == BackupCommand.Verb)
{
    return await BackupCommand.Run(app, commandLine.VerbArguments);
}

app.MapWealthActorsApi();
app.MapWealthActorsBot();
app.MapWealthActorsOperations();
app.MapWealthActorsConsole();
await app.RunAsync();
return 0;

/// <summary>Entry point type, visible to the HTTP tests' WebApplicationFactory.</summary>
public partial class Program;
