namespace Mem0.Bench.Eval;

public sealed record Turn(string ConversationId, string TurnId, DateOnly Date, string Speaker, string Text)
{
    /// <summary>As the held-out benchmark imports a turn: its date and speaker in front of what was said.</summary>
    public string Content => $"[{Date:yyyy-MM-dd}] {Speaker}: {Text}";
}

/// <param name="Evidence">The turns that hold the answer (filled in as the turns are laid out).</param>
public sealed record Question(string ConversationId, string Kind, string Text, IReadOnlyCollection<string> Evidence);

public sealed record Corpus(IReadOnlyList<Turn> Turns, IReadOnlyList<Question> Questions);

/// <summary>
/// Multi-session conversations between two named people, generated from a seed: mostly small talk, with facts
/// (often wrapped in a sentence of small talk before or after, in the same turn)
/// stated once, some restated in other words, some changed later, some echoed by the other person about something
/// else of the same kind; and questions that paraphrase rather than quote,
/// about what was said, who said it, when, and what changed. Each question knows the turns that hold its answer.
/// </summary>
public static class Conversations
{
    private static readonly string[] Names = ["Caroline", "Melanie", "Joanna", "Nate", "Audrey", "Andrew", "Jolene", "Deborah", "Evan", "Sam",
        "Gina", "Jon", "Maria", "John", "Tim", "Calvin", "Dave", "Lena", "Priya", "Omar", "Hiro", "Ines"];

    private static readonly string[] SmallTalk = ["Haha, that's great!", "How was your weekend?", "I'm powering through!", "Same here, busy week.",
        "Let's catch up soon.", "Sounds fun!", "Oh no, hope it gets better.", "Totally agree.", "Thanks, that means a lot.", "Wow, really?",
        "I know, right?", "Good luck with everything!", "That's so kind of you.", "Ha, classic.", "Talk soon!", "Hey! Long time no see.",
        "Not much, just work.", "Love that for you.", "Same old, same old.", "Sorry I missed your call yesterday."];

    /// <summary>A fact: its values, how it is said (first time, again later), how it is asked about, and how it changes.</summary>
    private sealed record Topic(string Kind, string[] Values, Func<string, string> Say, Func<string, string> Again, Func<string, string> Ask,
        Func<string, string, string>? Change = null, Func<string, string>? AskNow = null);

    private static readonly Topic[] Topics =
    [
        new("pet", ["beagle", "corgi", "greyhound", "border collie", "dachshund"],
            v => $"We finally adopted a {v} puppy from the shelter, she's a handful.",
            v => $"The {v} chewed through my charger again, honestly.",
            s => $"What kind of dog did {s} bring home?"),
        new("instrument", ["cello", "banjo", "trumpet", "harp", "ukulele"],
            v => $"I started taking {v} lessons on Tuesday evenings.",
            v => $"My {v} teacher says I'm improving faster than she expected.",
            s => $"Which musical instrument is {s} learning?"),
        new("home", ["Lisbon", "Denver", "Osaka", "Glasgow", "Tucson", "Ghent"],
            v => $"I grew up in {v} and still miss the food there.",
            v => $"Nothing beats the markets back in {v}.",
            s => $"Which city did {s} grow up in?",
            (old, now) => $"Big news: we packed everything and moved from {old} to {now} last weekend.",
            s => $"Where does {s} live these days?"),
        new("job", ["a robotics startup", "the city hospital", "a law firm", "a public library", "an airline"],
            v => $"I got the offer! I'm joining {v} next month.",
            v => $"First week at {v} went better than I feared.",
            s => $"Where is {s} going to work?",
            (old, now) => $"I handed in my notice at {old}, starting at {now} in two weeks.",
            s => $"What is {s}'s newest employer?"),
        new("allergy", ["peanuts", "shellfish", "sesame", "kiwi fruit"],
            v => $"I can't eat {v}, my throat swells up within minutes.",
            v => $"Had to send the curry back, it had {v} in it.",
            s => $"Is there any food {s} must avoid?"),
        new("race", ["the Berlin marathon", "a trail ultra in the Alps", "the Boston half", "an Ironman in Nice"],
            v => $"Signed up for {v}, so training starts now.",
            v => $"Long run this morning, {v} is getting closer.",
            s => $"What endurance event is {s} preparing for?"),
        new("book", ["Middlemarch", "The Left Hand of Darkness", "Dune", "Beloved", "Moby-Dick"],
            v => $"I'm halfway through {v} and can't put it down.",
            v => $"Stayed up way too late finishing {v}.",
            s => $"What novel has {s} been reading?"),
        new("car", ["an electric hatchback", "a vintage Volvo estate", "a pickup truck", "a tiny Fiat"],
            v => $"Sold the old sedan and bought {v}.",
            v => $"Drove {v} up the coast, it handled great.",
            s => $"What does {s} drive?",
            (old, now) => $"Traded in {old} for {now}, couldn't resist.",
            s => $"Which vehicle does {s} have now?"),
        new("trip", ["Iceland", "Patagonia", "Vietnam", "Morocco", "New Zealand"],
            v => $"We booked flights to {v} for the spring holidays!",
            v => $"Still planning the {v} itinerary, any tips?",
            s => $"Where is {s} going on holiday?"),
        new("hobby", ["pottery", "rock climbing", "beekeeping", "woodworking", "birdwatching"],
            v => $"I joined a {v} class at the community centre.",
            v => $"Spent all Saturday on {v} again, my hands are a mess.",
            s => $"What new pastime has {s} taken up?"),
    ];

    public static Corpus Generate(int seed, int conversations, int sessions = 8, int turnsPerSession = 30)
    {
        var random = new Random(seed);
        var turns = new List<Turn>();
        var questions = new List<Question>();
        for (var c = 0; c < conversations; c++)
        {
            var id = $"conv-{seed}-{c:00}";
            var names = Names.OrderBy(_ => random.Next()).Take(2).ToArray();
            var date = new DateOnly(2023, 1, 1).AddDays(random.Next(0, 300));
            // Each speaker gets three topics; their statements, restatements and changes are spread over the sessions.
            var plan = new List<(int Session, string Speaker, string Text, Action<string> Record)>();
            foreach (var speaker in names)
            {
                foreach (var topic in Topics.OrderBy(_ => random.Next()).Take(3))
                {
                    var values = topic.Values.OrderBy(_ => random.Next()).ToArray();
                    var first = random.Next(0, sessions - 1);
                    var said = new List<string>();
                    var changed = new List<string>();
                    plan.Add((first, speaker, topic.Say(values[0]), said.Add));
                    if (random.Next(2) == 0) plan.Add((random.Next(first, sessions), speaker, topic.Again(values[0]), said.Add));
                    // A distractor: the other person says something of the same shape about another value, as friends
                    // talking about the same things do. It answers nothing, and it looks like the answer.
                    var other = names.First(n => n != speaker);
                    if (random.Next(3) > 0) plan.Add((random.Next(0, sessions), other, topic.Again(values[2]), _ => { }));
                    var changes = topic.Change is not null && random.Next(3) > 0;
                    if (changes) plan.Add((random.Next(first + 1, sessions), speaker, topic.Change!(values[0], values[1]), changed.Add));
                    questions.Add(new Question(id, "fact", topic.Ask(speaker), said));
                    // Questions that name the thing, as most real ones do: who has it, and when it came up.
                    questions.Add(random.Next(2) == 0
                        ? new Question(id, "who", $"Which of {other} and {speaker} mentioned {values[0]}?", said)
                        : new Question(id, "when", $"When did {speaker} first bring up {values[0]}?", said));
                    if (changes) questions.Add(new Question(id, "changed", topic.AskNow!(speaker), changed));
                }
            }
            var number = 0;
            for (var s = 0; s < sessions; s++)
            {
                date = date.AddDays(random.Next(3, 20));
                var facts = plan.Where(p => p.Session == s).OrderBy(_ => random.Next()).ToList();
                var slots = Enumerable.Range(0, turnsPerSession).OrderBy(_ => random.Next()).Take(facts.Count).ToHashSet();
                var next = 0;
                for (var t = 0; t < Math.Max(turnsPerSession, facts.Count); t++)
                {
                    var turnId = $"{id}-t{number++:000}";
                    if ((slots.Contains(t) || t >= turnsPerSession) && next < facts.Count)
                    {
                        var fact = facts[next++];
                        fact.Record(turnId);
                        // As people talk: the fact often comes wrapped in small talk, one turn of several sentences.
                        var before = random.Next(2) == 0 ? SmallTalk[random.Next(SmallTalk.Length)] + " " : "";
                        var after = random.Next(2) == 0 ? " " + SmallTalk[random.Next(SmallTalk.Length)] : "";
                        turns.Add(new Turn(id, turnId, date, fact.Speaker, before + fact.Text + after));
                    }
                    else
                    {
                        turns.Add(new Turn(id, turnId, date, names[t % 2], SmallTalk[random.Next(SmallTalk.Length)]));
                    }
                }
            }
        }
        return new Corpus(turns, questions);
    }
}
