namespace Mem0.Settings;

/// <summary>A check at start found the configuration cannot work; the message says what to change. Exit code 2.</summary>
public sealed class StartupCheckException(string message, Exception? inner = null) : Exception(message, inner);
