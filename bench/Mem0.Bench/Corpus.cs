namespace Mem0.Bench;

/// <summary>
/// Made-up personal facts, varied in every part so the local decision step keeps them apart, and questions
/// about them. Generated, so a run of any size needs no data files.
/// </summary>
public static class Corpus
{
    private static readonly string[] People = ["Ana", "Bilal", "Chen", "Dmitri", "Ebele", "Farah", "Goran", "Hana", "Ines", "Jonas", "Kofi",
        "Lena", "Mateo", "Nadia", "Oskar", "Priya", "Quinn", "Rosa", "Sven", "Tomoko", "Umar", "Vera", "Wim"];

    private static readonly string[] Facts = ["plays the cello", "grows tomatoes on the balcony", "restores vintage motorbikes",
        "speaks fluent Icelandic", "collects fountain pens", "runs ultramarathons", "brews kombucha at home", "repairs mechanical watches",
        "sails a small dinghy", "writes crossword puzzles", "keeps bees in the garden", "builds mechanical keyboards", "paints watercolour birds",
        "climbs indoor walls", "bakes rye bread", "restores old radios", "photographs lighthouses", "knits wool socks", "studies medieval maps"];

    private static readonly string[] When = ["every Sunday morning", "since moving to Porto", "after work on Thursdays", "during the winter",
        "with two old school friends", "whenever it rains", "on long train journeys", "to relax before exams", "at a club near the river",
        "as a side business", "for the local hospice charity"];

    private static readonly string[] Questions = ["Who plays a musical instrument?", "Which hobbies involve the garden?",
        "Does anyone fix old machines?", "What languages do people speak?", "Who likes running long distances?", "Who makes drinks at home?",
        "Is anyone into sailing or boats?", "Who enjoys puzzles and word games?", "Who builds things with their hands?",
        "Which hobbies are about photography or art?", "What do people do on weekends?", "Who bakes?", "Who likes history?"];

    public static IEnumerable<string> Sentences(int count) => Enumerable.Range(0, count).Select(Sentence);

    public static string Sentence(int i) =>
        $"{People[i % People.Length]} {Facts[(i / People.Length + i * 3) % Facts.Length]} {When[(i * 5 + i / 7) % When.Length]}.";

    public static string CommonPhrase(int i) => When[i % When.Length];

    /// <summary>
    /// Every query distinct, so each one pays for its embedding: the server caches query vectors, and repeats would
    /// measure the cache. The variations are lowercase words, so hybrid search sees no extra names or numbers.
    /// </summary>
    public static IEnumerable<string> Queries(int count) =>
        Enumerable.Range(0, count).Select(i => i < Questions.Length ? Questions[i]
            : $"{Questions[i % Questions.Length]} {Asides[i / Questions.Length % Asides.Length]} {Asides[i / Questions.Length / Asides.Length % Asides.Length]}");

    private static readonly string[] Asides = ["please", "today", "again", "lately", "these days", "around here", "at all", "by chance",
        "in general", "mostly", "anyway", "so far", "right now", "this year", "for fun", "with friends"];
}
