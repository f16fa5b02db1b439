using WealthActors.Silo.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddWealthActorsSilo();

var app = builder.Build();
app.MapGet("/health", () => TypedResults.Ok(new { status = "ok" }));
app.Run();

/// <summary>Entry point type, visible to the HTTP tests' WebApplicationFactory.</summary>
public partial class Program;
