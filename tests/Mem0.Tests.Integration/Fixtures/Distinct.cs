namespace Mem0.Tests.Integration.Fixtures;

/// <summary>
/// Sentences far enough apart in meaning that the local decision step keeps each one: sentences that differ only
/// in a number score above its near-duplicate threshold and would rightly be stored once.
/// </summary>
public static class Distinct
{
    private static readonly string[] People = ["Ana", "Bilal", "Chen", "Dmitri", "Ebele", "Farah", "Goran", "Hana", "Ines", "Jonas", "Kofi", "Lena",
        "Mateo", "Nadia", "Oskar", "Priya", "Quinn", "Rosa", "Sven", "Tomoko", "Umar", "Vera", "Wim", "Xia", "Yusuf"];

    private static readonly string[] Things = ["plays the cello", "grows tomatoes on the balcony", "restores vintage motorbikes", "speaks fluent Icelandic",
        "collects fountain pens", "runs ultramarathons", "brews kombucha at home", "repairs mechanical watches", "sails a small dinghy",
        "writes crossword puzzles", "keeps bees in the garden", "builds mechanical keyboards", "paints watercolour birds", "climbs indoor walls",
        "bakes rye bread weekly", "restores old radios", "photographs lighthouses", "knits wool socks", "studies medieval maps", "flies model gliders",
        "translates Finnish poetry", "carves wooden spoons", "dances the tango", "birdwatches at dawn", "juggles five balls"];

    public static IEnumerable<string> Sentences(int count, int offset = 0) =>
        Enumerable.Range(offset, count).Select(i => $"{People[i % People.Length]} {Things[(i * 7) % Things.Length]}.");
}
