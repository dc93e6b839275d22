using Mem0.Api.Auth;

namespace Mem0.Tests.Unit.Auth;

public sealed class Api_key_specs
{
    [Theory]
    [InlineData("s3cret-key", true)]
    [InlineData("s3cret-kez", false)]
    [InlineData("s3cret-key ", false)]
    [InlineData("S3CRET-KEY", false)]
    [InlineData("", false)]
    public void Only_the_exact_key_matches(string candidate, bool matches) =>
        Assert.Equal(matches, new ApiKey("s3cret-key").Matches(candidate));

    [Fact]
    public void The_key_never_shows_in_its_string_form() =>
        Assert.DoesNotContain("s3cret", new ApiKey("s3cret-key").ToString());
}
