namespace Mem0.Settings;

// The modes the variables choose between. Each is read once, in the binding (SettingsReader.Enum); the rest of
// the code compares these values, never the strings. The names are the variables' values, lower-cased.

/// <summary>`MEM0_LLM_PROVIDER`: who extracts facts and decides updates.</summary>
public enum LlmProvider { Anthropic, OpenAi, Ollama, Local }

/// <summary>`MEM0_EMBED_PROVIDER`: who turns text into vectors.</summary>
public enum EmbedProvider { OpenAi, Ollama, Local }

/// <summary>`MEM0_VECTOR_STORE`: Qdrant (production) or the index each process keeps in memory.</summary>
public enum VectorStoreKind { Qdrant, Embedded }

/// <summary>`MEM0_ROLES`: what this process runs; one process runs all three by default.</summary>
public enum ServerRole { Api, Extractor, Scheduler }

/// <summary>`MEM0_LOCAL_FACTS`: what the local extractor stores from one input, each sentence or each turn whole.</summary>
public enum LocalFactsMode { Sentences, Turns }

/// <summary>`DIGEST_WEBHOOK_FORMAT`: the digest's message shape; auto picks by the webhook's host.</summary>
public enum WebhookFormat { Auto, Slack, Discord }

/// <summary>
/// `MEM0_PIPELINE`: how an add asks the model. `two-call` (mem0's pipeline, the default): extract facts, then decide
/// them against each fact's similar memories. `one-call`: the input's own embedding finds the similar memories and one
/// call extracts and decides. Spelled with a hyphen, so read with its own spelling (<see cref="AiOptions.Read"/>).
/// </summary>
public enum AddPipeline { TwoCall, OneCall }
