using Mem0.Api.Auth.OAuth;

namespace Mem0.Tests.Unit.Auth;

public sealed class Redirect_uri_allowlist_specs
{
    private const string Defaults = "https://claude.ai/api/mcp/auth_callback,https://chatgpt.com/connector/oauth/*";

    [Theory]
    [InlineData("https://claude.ai/api/mcp/auth_callback", true)]
    [InlineData("https://chatgpt.com/connector/oauth/abc123", true)]
    [InlineData("https://chatgpt.com/connector/oauth/abc123?x=1", true)]
    [InlineData("https://chatgpt.com/connector/oauth/", true)]
    [InlineData("https://claude.ai/api/mcp/auth_callback/extra", false)]
    [InlineData("https://claude.ai/api/mcp/auth_callback?x=1", false)]
    [InlineData("https://CLAUDE.ai/api/mcp/auth_callback2", false)]
    [InlineData("https://chatgpt.com.evil.com/connector/oauth/abc", false)]
    [InlineData("https://evil.com/chatgpt.com/connector/oauth/abc", false)]
    [InlineData("http://chatgpt.com/connector/oauth/abc", false)]
    [InlineData("https://chatgpt.com:8443/connector/oauth/abc", false)]
    [InlineData("https://chatgpt.com/connector/other/abc", false)]
    [InlineData("https://chatgpt.com/connector/oauthx", false)]
    [InlineData("https://chatgpt.com/connector/oauth/../../evil", false)]
    [InlineData("https://chatgpt.com/connector/oauth/%2e%2e/evil", false)]
    [InlineData("https://user@chatgpt.com/connector/oauth/abc", false)]
    [InlineData("https://chatgpt.com/connector/oauth/abc#frag", false)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("", false)]
    public void The_default_list_allows_the_official_callbacks_only(string uri, bool allowed) =>
        Assert.Equal(allowed, new RedirectUriAllowlist(Defaults).Allows(uri));

    [Theory]
    [InlineData("https://chatgpt.com*")]
    [InlineData("https://*")]
    [InlineData("*")]
    [InlineData("https://chatgpt.com/*")]
    [InlineData("https://*.chatgpt.com/connector/*")]
    [InlineData("https://chatgpt.com/connector/oauth*")]
    public void Host_only_and_bare_wildcards_are_ignored(string entry)
    {
        var list = new RedirectUriAllowlist(entry);
        Assert.Equal([entry], list.Ignored);
        Assert.Empty(list.Active);
        Assert.False(list.Allows("https://chatgpt.com/connector/oauth/abc"));
        Assert.False(list.Allows("https://chatgpt.com.evil.com/x"));
    }

    [Fact]
    public void Entries_are_trimmed_and_listed_as_written()
    {
        var list = new RedirectUriAllowlist(" https://a.example/cb , https://b.example/p/* ,");
        Assert.Equal(["https://a.example/cb", "https://b.example/p/*"], list.Active);
        Assert.False(list.Allows("http://localhost:1/x"));
        Assert.True(list.Allows("https://b.example/p/q"));
    }
}
