using System.Net;
using Mem0.Api.Auth.Limits;

namespace Mem0.Tests.Unit.Auth;

public sealed class Auth_failure_limiter_specs
{
    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static readonly AuthSurface Rest = new("rest", 10, TimeSpan.FromSeconds(60), AuthCounting.WhenRefused);

    [Fact]
    public void Parallel_failures_get_exactly_the_limit_within_it_and_the_rest_are_refused()
    {
        var limiter = new AuthFailureLimiter(new Clock(DateTimeOffset.UnixEpoch));
        var refused = 0;
        Parallel.For(0, 500, new ParallelOptions { MaxDegreeOfParallelism = 16 }, _ =>
        {
            if (limiter.Fail(Rest, "203.0.113.9") is not null) Interlocked.Increment(ref refused);
        });

        Assert.Equal(490, refused);
        Assert.NotNull(limiter.Blocked(Rest, "203.0.113.9"));
        Assert.Null(limiter.Blocked(Rest, "203.0.113.10"));
    }

    [Fact]
    public void A_reservation_holds_a_place_until_settled_so_parallel_outcomes_cannot_overshoot()
    {
        var limiter = new AuthFailureLimiter(new Clock(DateTimeOffset.UnixEpoch));
        var token = new AuthSurface("token", 3, TimeSpan.FromSeconds(60), AuthCounting.ByOutcome);

        Assert.All(Enumerable.Range(0, 3), _ => Assert.Null(limiter.Reserve(token, "c")));
        Assert.NotNull(limiter.Reserve(token, "c"));
        limiter.Settle(token, "c", failed: false);
        Assert.Null(limiter.Reserve(token, "c"));
        limiter.Settle(token, "c", failed: true);
        limiter.Settle(token, "c", failed: true);
        limiter.Settle(token, "c", failed: true);
        Assert.NotNull(limiter.Blocked(token, "c"));
    }

    [Fact]
    public void The_window_ends_and_old_clients_are_dropped_whole_without_a_scan()
    {
        var clock = new Clock(DateTimeOffset.UnixEpoch);
        var limiter = new AuthFailureLimiter(clock);
        for (var i = 0; i < 11; i++) limiter.Fail(Rest, "203.0.113.9");
        for (var i = 0; i < 1000; i++) limiter.Fail(Rest, $"198.51.100.{i % 250}-{i}");
        Assert.Equal(TimeSpan.FromSeconds(60), limiter.Blocked(Rest, "203.0.113.9"));

        clock.Now += TimeSpan.FromSeconds(61);
        Assert.Null(limiter.Blocked(Rest, "203.0.113.9"));
        clock.Now += TimeSpan.FromSeconds(61);
        limiter.Fail(Rest, "192.0.2.1");

        Assert.Equal(1, limiter.Tracked(Rest));
    }

    [Fact]
    public void A_client_that_keeps_failing_stays_counted_across_generations()
    {
        var clock = new Clock(DateTimeOffset.UnixEpoch);
        var limiter = new AuthFailureLimiter(clock);
        limiter.Fail(Rest, "other");
        clock.Now += TimeSpan.FromSeconds(50);
        for (var i = 0; i < 10; i++) limiter.Fail(Rest, "203.0.113.9");
        // A generation turns at 60 s and again at 120 s; the window that started at 50 s holds until 110 s.
        clock.Now += TimeSpan.FromSeconds(15);
        limiter.Fail(Rest, "other");
        clock.Now += TimeSpan.FromSeconds(40);

        Assert.Equal(TimeSpan.FromSeconds(5), limiter.Blocked(Rest, "203.0.113.9"));
    }

    [Fact]
    public void The_number_of_tracked_clients_is_bounded()
    {
        var limiter = new AuthFailureLimiter(new Clock(DateTimeOffset.UnixEpoch));
        for (var i = 0; i < AuthFailureLimiter.ClientsPerGeneration + 500; i++) limiter.Fail(Rest, i.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(AuthFailureLimiter.ClientsPerGeneration, limiter.Tracked(Rest));
    }

    [Theory]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:3::1", "2001:db8:1:3::/64")]
    [InlineData("203.0.113.9", "203.0.113.9")]
    [InlineData("::ffff:203.0.113.9", "203.0.113.9")]
    public void Ipv6_clients_are_grouped_by_their_64_and_ipv4_counted_whole(string address, string key) =>
        Assert.Equal(key, ClientKey.Of(IPAddress.Parse(address)));
}
