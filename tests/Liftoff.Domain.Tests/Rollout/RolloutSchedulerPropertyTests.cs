using Liftoff.Domain.Rollout;

namespace Liftoff.Domain.Tests.Rollout;

/// <summary>Rules checked over many random releases, playbooks and calendars (seeded, so failures repeat).</summary>
public class RolloutSchedulerPropertyTests
{
    private const int Iterations = 2000;

    [Fact]
    public void Instantiate_RandomInputs_DueDateIsAWorkingDayNeverAfterTheRawDate()
    {
        var random = new Random(20260310);
        for (var i = 0; i < Iterations; i++)
        {
            var (release, playbook, calendar) = RandomCase(random);

            var tasks = RolloutScheduler.Instantiate(release, playbook, calendar).Value!;

            foreach (var task in tasks)
            {
                var raw = release.PlannedDate.AddDays(task.OffsetDays + Math.Max(task.DurationDays - 1, 0));
                Assert.True(calendar.IsWorkingDay(task.DueDate), $"iteration {i}: {task.DueDate} is not a working day");
                Assert.True(task.DueDate <= raw, $"iteration {i}: {task.DueDate} is after {raw}");
                Assert.True(calendar.WorkingDayOnOrBefore(raw) == task.DueDate,
                    $"iteration {i}: not the nearest working day");
            }
        }
    }

    [Fact]
    public void MoveRelease_ForwardThenBack_RestoresEveryDate()
    {
        var random = new Random(1);
        for (var i = 0; i < Iterations; i++)
        {
            var (release, playbook, calendar) = RandomCase(random);
            var tasks = WithRandomStatuses(random, RolloutScheduler.Instantiate(release, playbook, calendar).Value!);
            var shift = random.Next(-120, 121);

            var there = RolloutScheduler.MoveRelease(release, release.PlannedDate.AddDays(shift), tasks, calendar,
                DateOnly.MinValue).Value!;
            var back = RolloutScheduler.MoveRelease(there.Release, release.PlannedDate, there.Tasks, calendar,
                DateOnly.MinValue).Value!;

            Assert.Equal(tasks, back.Tasks);
            Assert.Equal(release, back.Release);
        }
    }

    [Fact]
    public void MoveRelease_SeveralMoves_EndWhereOneMoveWould()
    {
        var random = new Random(2);
        for (var i = 0; i < Iterations; i++)
        {
            var (release, playbook, calendar) = RandomCase(random);
            var tasks = RolloutScheduler.Instantiate(release, playbook, calendar).Value!;
            var current = new ScheduleUpdate(release, tasks, []);
            for (var step = 0; step < 4; step++)
            {
                current = RolloutScheduler.MoveRelease(current.Release,
                    current.Release.PlannedDate.AddDays(random.Next(-20, 21)), current.Tasks, calendar,
                        DateOnly.MinValue).Value!;
            }

            var direct = RolloutScheduler.Instantiate(current.Release, playbook, calendar).Value!;

            Assert.Equal(direct, current.Tasks);
        }
    }

    [Fact]
    public void MoveRelease_RandomShifts_DoneAndSkippedTasksNeverMove()
    {
        var random = new Random(3);
        for (var i = 0; i < Iterations; i++)
        {
            var (release, playbook, calendar) = RandomCase(random);
            var tasks = WithRandomStatuses(random, RolloutScheduler.Instantiate(release, playbook, calendar).Value!);

            var update = RolloutScheduler.MoveRelease(release, release.PlannedDate.AddDays(random.Next(-60, 61)),
                tasks, calendar, DateOnly.MinValue).Value!;

            for (var t = 0; t < tasks.Count; t++)
            {
                if (!tasks[t].IsOpen)
                {
                    Assert.Equal(tasks[t], update.Tasks[t]);
                }
                Assert.True(calendar.IsWorkingDay(update.Tasks[t].DueDate) || !tasks[t].IsOpen);
            }
            Assert.All(update.Changes, c => Assert.True(tasks.Single(t => t.StepKey == c.StepKey).IsOpen));
        }
    }

    [Fact]
    public void Validate_RandomAcyclicPlaybook_AcceptsAndAnyBackEdgeIsNamedAsCycle()
    {
        var random = new Random(4);
        for (var i = 0; i < Iterations; i++)
        {
            var (_, playbook, _) = RandomCase(random);
            Assert.Empty(PlaybookValidator.Validate(playbook));
            if (playbook.Steps.Count < 2)
            {
                continue;
            }

            var from = random.Next(playbook.Steps.Count - 1);
            var to = random.Next(from + 1, playbook.Steps.Count);
            // Make an earlier step depend on a later one that (transitively) depends on it.
            var steps = playbook.Steps.ToList();
            steps[to] = steps[to] with { Prerequisites = [.. steps[to].Prerequisites, steps[from].Key] };
            steps[from] = steps[from] with { Prerequisites = [.. steps[from].Prerequisites, steps[to].Key] };

            var errors = PlaybookValidator.Validate(playbook with { Steps = steps });

            Assert.Contains(errors, e => e.Message.StartsWith("Prerequisites form a cycle", StringComparison.Ordinal)
                && e.Message.Contains(steps[from].Key, StringComparison.Ordinal));
        }
    }

    private static (Release, Playbook, WorkingCalendar) RandomCase(Random random)
    {
        var date = new DateOnly(2024, 1, 1).AddDays(random.Next(0, 3650));
        var release = new Release(Guid.Empty, ProductKind.Software, "1.0", date, random.Next(2) == 0,
            ReleaseStatus.Planned);

        var steps = new List<PlaybookStep>();
        for (var s = random.Next(1, 12); s > 0; s--)
        {
            var key = $"s{steps.Count}";
            // Prerequisites only point to earlier steps, which keeps the graph acyclic.
            var prerequisites = steps.Where(_ => random.Next(4) == 0).Select(p => p.Key).ToList();
            steps.Add(new PlaybookStep
            {
                Key = key,
                Name = key,
                Offset = random.Next(2) == 0 ? StepOffset.DaysAfter(random.Next(-365, 366))
                    : new StepOffset(random.Next(-52, 53), OffsetUnit.Weeks),
                DurationDays = random.Next(4) == 0 ? random.Next(2, 40) : random.Next(0, 2),
                Owners = [StepOwner.Team("delivery")],
                Prerequisites = prerequisites,
            });
        }

        var days = Enum.GetValues<DayOfWeek>().Where(_ => random.Next(3) > 0).ToList();
        if (days.Count == 0)
        {
            days.Add((DayOfWeek)random.Next(7));
        }
        var holidays = Enumerable.Range(0, random.Next(0, 40)).Select(_ => date.AddDays(random.Next(-400, 420)));
        return (release, new Playbook("random", "Random", steps), WorkingCalendar.Create(days, holidays).Value!);
    }

    private static List<RolloutTask> WithRandomStatuses(Random random, IReadOnlyList<RolloutTask> tasks) =>
        tasks.Select(t => t with { Status = (RolloutTaskStatus)random.Next(4) }).ToList();
}
