using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using WealthActors.Silo.Apis;

namespace WealthActors.Silo.Tests.Apis;

public sealed class ApiProblemsTests
{
    [Fact]
    public async Task TryHandleAsync_SiloUnavailableDuringFailOver_Is503WithRetryAfter()
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = new MemoryStream();
        var handler = new ApiProblems(services.GetRequiredService<Microsoft.AspNetCore.Http.IProblemDetailsService>());

        var handled = await handler.TryHandleAsync(context, new SiloUnavailableException("The target silo became unavailable"), CancellationToken.None);

        Assert.True(handled);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal("2", context.Response.Headers.RetryAfter.ToString());
    }
}
