namespace Mem0.Tests.Integration.StandIns;

/// <summary>
/// What the stand-in model answers to the next chat request: an HTTP status and, for 200, the assistant's text,
/// computed from the request's last user message (so a reply can refer to the numeric ids the server sent).
/// </summary>
public sealed record ScriptedReply(int Status, Func<string, string> Text)
{
    public static ScriptedReply Says(string text) => new(200, _ => text);
    public static ScriptedReply Computes(Func<string, string> text) => new(200, text);
    public static ScriptedReply Fails(int status) => new(status, _ => "");
}
