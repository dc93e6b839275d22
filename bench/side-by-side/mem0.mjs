// The open-source mem0 library (npm mem0ai) on the same facts and queries as this server, in process, calling the
// provider stand-in through its own OpenAI client, configured as its users run it: its "memory" vector store and its
// history, each a SQLite file (here in DIR), so both sides keep what they were told across a restart.
//   node mem0.mjs DATA.json OUT.json http://127.0.0.1:8790/v1 DIMS DIR
// DATA.json: {"facts": [...], "queries": [...], "user": "..."}; OUT.json gets each phase's latencies in ms.
import fs from "node:fs";
import { performance } from "node:perf_hooks";
import { Memory } from "mem0ai/oss";

const [dataPath, outPath, baseURL, dims, dir] = process.argv.slice(2);
const data = JSON.parse(fs.readFileSync(dataPath, "utf8"));
const dimension = Number(dims);
const memory = new Memory({
  version: "v1.1",
  embedder: { provider: "openai", config: { apiKey: "stand-in", model: "text-embedding-3-small", baseURL, embeddingDims: dimension } },
  vectorStore: { provider: "memory", config: { collectionName: "bench", dimension, dbPath: `${dir}/vector_store.db` } },
  llm: { provider: "openai", config: { apiKey: "stand-in", model: "gpt-4.1-mini", baseURL } },
  historyStore: { provider: "sqlite", config: { historyDbPath: `${dir}/history.db` } },
});

// The stand-in counts the calls it answered; each phase reports its own.
const calls = async () => (await fetch(baseURL.replace(/\/v1$/, "") + "/calls")).json();

async function timed(items, call) {
  const samples = [];
  const before = await calls();
  for (const item of items) {
    const start = performance.now();
    await call(item);
    samples.push(performance.now() - start);
  }
  const after = await calls();
  return { ms: samples, chats: after.chats - before.chats, embeddings: after.embeddings - before.embeddings };
}

const userId = data.user;
// One add and search first, as the server gets a warm-up: start-up costs are not the phases' latency.
await memory.add("Warm-up note about nothing in particular.", { userId: userId + "-warmup" });
await memory.search("warm-up", { filters: { user_id: userId + "-warmup" } });
const add = await timed(data.facts, (fact) => memory.add(fact, { userId }));
const search = await timed(data.queries, (query) => memory.search(query, { filters: { user_id: userId }, topK: 10 }));
const repeat = await timed(data.facts, (fact) => memory.add(fact, { userId }));
const stored = await memory.getAll({ filters: { user_id: userId }, topK: 100000 });
fs.writeFileSync(outPath, JSON.stringify({ add, search, repeat, stored: (stored.results ?? stored).length }));
