using System;
using System.Collections.Generic;
using System.Linq;
using Xinji.Policy.Dsl.Binding;
using Xinji.Policy.Dsl.Evaluation;
using Xinji.Policy.Dsl.Syntax;
using Xinji.Policy.Runtime;

namespace Xinji.Policy.Tooling;

/// <summary>
/// Finds what would change a decision: the smallest changes to a claim's <c>provable</c> facts that
/// give the other coverage. Every change of one fact is tried (a bool flipped, each other enum
/// member, an optional fact given or cleared, a date or number moved to where the coverage
/// changes); changes of two facts only when no single one flips the coverage. The reference
/// interpreter decides every changed claim, and a claim it rejects is no what-if.
/// </summary>
/// <remarks>
/// A date's decision changes only where a comparison of the policy changes, so it is decided at the
/// days the comparisons make relevant (the claim's other dates and the policy's date literals,
/// shifted by up to two of the policy's durations either way, and the days either side) and at the
/// first and last day a claim can hold; between two such days that decide differently, the day of
/// the change is found by bisection. Numbers likewise, around the policy's number literals and
/// the claim's other numbers. A budget of evaluations keeps a policy with many provable facts, long
/// enums or many durations from taking long: what is found within it is reported.
/// </remarks>
public sealed class WhatIfFinder
{
    /// <summary>At most this many what-ifs are reported, the single changes first.</summary>
    public const int MaxWhatIfs = 12;

    /// <summary>The evaluations one search may make.</summary>
    public const int EvaluationBudget = 20_000;

    private const int MaxMembersTried = 64;
    private const int MaxDurations = 8;

    /// <summary>For a change of two facts: the values of the first tried with each search of the second.</summary>
    private const int MaxPartnerValues = 6;

    private readonly PolicyInterpreter _interpreter;
    private readonly BoundPolicy _policy;
    private readonly Dictionary<string, EnumSymbol> _enums;
    private readonly List<FactSymbol> _provable;
    private readonly int[] _dateLiterals;
    private readonly int[] _intLiterals;
    private readonly List<(int Amount, DurationUnit Unit)> _durations;

    public WhatIfFinder(BoundPolicy policy)
        : this(new PolicyInterpreter(policy))
    {
    }

    public WhatIfFinder(PolicyInterpreter interpreter)
    {
        _interpreter = interpreter;
        _policy = interpreter.Policy;
        _enums = _policy.Enums.ToDictionary(e => e.Name, StringComparer.Ordinal);
        _provable = _policy.Facts.Where(f => f.IsProvable).ToList();

        var expressions = _policy.Definitions.Select(d => d.Value)
            .Concat(_policy.Clauses.Select(c => c.Condition))
            .Concat(_policy.Rejections.Select(r => r.Condition))
            .Concat(new[] { _policy.Warranty.Start, _policy.Warranty.End, _policy.Warranty.Active })
            .SelectMany(e => e.DescendantsAndSelf())
            .ToList();
        _dateLiterals = expressions.OfType<DateValueLiteral>().Select(d => PolicyValue.Date(d.Year, d.Month, d.Day).AsDayNumber).Distinct().OrderBy(d => d).ToArray();
        _intLiterals = expressions.OfType<IntLiteral>().Select(i => i.Value).Distinct().OrderBy(i => i).ToArray();
        _durations = expressions.OfType<DateShift>().Select(s => (s.Amount, s.Unit)).Distinct().Take(MaxDurations).ToList();
    }

    /// <summary>Whether the policy marks any fact <c>provable</c>: without one there is nothing to try.</summary>
    public bool HasProvableFacts => _provable.Count > 0;

    /// <summary>The what-ifs for a claim, single changes first, each in the policy's order of facts.</summary>
    /// <exception cref="Dsl.Evaluation.ClaimInputException">The claim itself is not valid input.</exception>
    /// <exception cref="Dsl.Evaluation.PolicyDefectException">The policy decides the claim itself both ways, or not at all.</exception>
    public IReadOnlyList<WhatIf> Find(IReadOnlyDictionary<string, PolicyValue> given)
    {
        if (_provable.Count == 0)
        {
            return Array.Empty<WhatIf>();
        }

        return new Search(this, _interpreter.Complete(given)).Run();
    }

    private static int DayNumber(DateOnly date) => PolicyValue.Date(date.Year, date.Month, date.Day).AsDayNumber;

    private static readonly int FirstDay = DayNumber(ClaimJson.MinDate);
    private static readonly int LastDay = DayNumber(ClaimJson.MaxDate);

    /// <summary>What a changed claim comes to: its coverage, or that the policy refuses it.</summary>
    private readonly record struct Verdict(InterpretedDecision? Decision)
    {
        /// <summary>0 free, 1 paid, 2 rejected or a defect: runs of equal codes are runs of one decision.</summary>
        public int Code => Decision is null ? 2 : Decision.Coverage == CoverageDecision.Free ? 0 : 1;
    }

    /// <summary>A run of consecutive values of a date or number fact that decide alike.</summary>
    private readonly record struct Run(int First, int Last, int Code);

    /// <summary>One search, for one claim.</summary>
    private sealed class Search
    {
        private readonly WhatIfFinder _owner;
        private readonly Dictionary<string, PolicyValue> _claim;
        private readonly InterpretedDecision _decision;
        private readonly CoverageDecision _target;
        private readonly Dictionary<string, List<Run>> _scans = new(StringComparer.Ordinal);
        private int _budget = EvaluationBudget;

        public Search(WhatIfFinder owner, IReadOnlyDictionary<string, PolicyValue> complete)
        {
            _owner = owner;
            _claim = new Dictionary<string, PolicyValue>(complete, StringComparer.Ordinal);
            _decision = owner._interpreter.Evaluate(_claim);
            _target = _decision.Coverage == CoverageDecision.Free ? CoverageDecision.Paid : CoverageDecision.Free;
        }

        private int TargetCode => _target == CoverageDecision.Free ? 0 : 1;

        public List<WhatIf> Run()
        {
            var found = new List<WhatIf>();
            foreach (var fact in _owner._provable)
            {
                foreach (var (change, decision) in Changes(fact, _claim))
                {
                    found.Add(Describe(new[] { change }, decision));
                }
            }

            if (found.Count == 0)
            {
                found.AddRange(Pairs());
            }

            return found.Take(MaxWhatIfs).ToList();
        }

        /// <summary>Changes of two facts, each pair once; a date or number is searched exactly, the other fact's values are tried with it.</summary>
        private IEnumerable<WhatIf> Pairs()
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var provable = _owner._provable;
            for (var i = 0; i < provable.Count; i++)
            {
                for (var j = i + 1; j < provable.Count; j++)
                {
                    // The fact searched exactly is the ordered one, when only one of them is.
                    var (partner, searched) = IsOrdered(provable[i]) && !IsOrdered(provable[j]) ? (provable[j], provable[i]) : (provable[i], provable[j]);
                    foreach (var value in PartnerValues(partner))
                    {
                        var changed = With(_claim, partner.Name, value);
                        foreach (var (change, decision) in Changes(searched, changed))
                        {
                            var first = ChangeOf(partner, value, With(changed, searched.Name, change.To));
                            var changes = new[] { first, change }.OrderBy(c => provable.IndexOf(c.Fact)).ToArray();
                            if (seen.Add(string.Join(";", changes.Select(c => c.Name + "=" + c.To))))
                            {
                                yield return Describe(changes, decision);
                            }
                        }

                        if (_budget <= 0)
                        {
                            yield break;
                        }
                    }
                }
            }
        }

        /// <summary>The values of a fact tried with the other fact of a pair: each other value, or for a date or number one per run.</summary>
        private IEnumerable<PolicyValue> PartnerValues(FactSymbol fact)
        {
            var current = _claim[fact.Name];
            if (!IsOrdered(fact))
            {
                return Discrete(fact, current);
            }

            var values = new List<PolicyValue>();
            if (fact.Type.IsOptional && current.IsKnown)
            {
                values.Add(PolicyValue.Unknown);
            }

            var runs = Scan(fact, _claim);
            var now = current.IsKnown ? Number(current) : (int?)null;
            values.AddRange(runs
                .Where(r => r.Code != 2 && (now is null || now < r.First || now > r.Last))
                .OrderBy(r => now is null ? -r.Last : Math.Min(Math.Abs((long)r.First - now.Value), Math.Abs((long)r.Last - now.Value)))
                .Select(r => Value(fact, now is null || now > r.Last ? r.Last : r.First)));
            return values.Take(MaxPartnerValues);
        }

        /// <summary>Every change of one fact that gives the target coverage, with the changed claim's decision.</summary>
        private IEnumerable<(FactChange Change, InterpretedDecision Decision)> Changes(FactSymbol fact, Dictionary<string, PolicyValue> claim)
        {
            var current = claim[fact.Name];
            var tried = new List<PolicyValue>();
            if (!IsOrdered(fact))
            {
                tried.AddRange(Discrete(fact, current));
            }
            else
            {
                if (fact.Type.IsOptional && current.IsKnown)
                {
                    tried.Add(PolicyValue.Unknown);
                }

                tried.AddRange(Nearest(fact, claim, current));
            }

            foreach (var value in tried)
            {
                if (_budget <= 0)
                {
                    yield break;
                }

                var changed = With(claim, fact.Name, value);
                if (Decide(changed).Decision is { } decision && decision.Coverage == _target)
                {
                    yield return (ChangeOf(fact, value, changed), decision);
                }
            }
        }

        /// <summary>
        /// For a date or number: the value nearest the current one on each side that gives the target
        /// coverage; for one not known, the last value of the latest run that does.
        /// </summary>
        private IEnumerable<PolicyValue> Nearest(FactSymbol fact, Dictionary<string, PolicyValue> claim, PolicyValue current)
        {
            var target = Scan(fact, claim).Where(r => r.Code == TargetCode).ToList();
            if (!current.IsKnown)
            {
                return target.Count == 0 ? Array.Empty<PolicyValue>() : new[] { Value(fact, target[target.Count - 1].Last) };
            }

            var now = Number(current);
            var values = new List<PolicyValue>();
            var before = target.FindLastIndex(r => r.Last < now);
            if (before >= 0)
            {
                values.Add(Value(fact, target[before].Last));
            }

            var after = target.FindIndex(r => r.First > now);
            if (after >= 0)
            {
                values.Add(Value(fact, target[after].First));
            }

            return values;
        }

        /// <summary>The fact's change to a value, with the run of values around it that decide alike in the changed claim.</summary>
        private FactChange ChangeOf(FactSymbol fact, PolicyValue value, Dictionary<string, PolicyValue> changed)
        {
            var from = _claim[fact.Name];
            if (!IsOrdered(fact) || !value.IsKnown)
            {
                return new FactChange(fact, from, value, PolicyValue.Unknown, PolicyValue.Unknown);
            }

            var at = Number(value);
            var run = Scan(fact, changed).FirstOrDefault(r => r.First <= at && at <= r.Last);
            return run.Last < run.First
                ? new FactChange(fact, from, value, value, value)
                : new FactChange(fact, from, value, Value(fact, run.First), Value(fact, run.Last));
        }

        /// <summary>A bool's or an enum's other values, and for an optional one, not known.</summary>
        private IEnumerable<PolicyValue> Discrete(FactSymbol fact, PolicyValue current)
        {
            IEnumerable<PolicyValue> values = fact.Type.Kind == TypeKind.Bool
                ? new[] { PolicyValue.Bool(true), PolicyValue.Bool(false) }
                : _owner._enums[fact.Type.EnumName!].Members.Take(MaxMembersTried).Select(PolicyValue.Enum);
            if (fact.Type.IsOptional)
            {
                values = values.Append(PolicyValue.Unknown);
            }

            return values.Where(v => v != current);
        }

        /// <summary>
        /// The runs of a date or number fact's values that decide alike, from the first value a claim
        /// can hold to the last: decided at the relevant values, and narrowed by bisection between two
        /// that decide differently.
        /// </summary>
        private List<Run> Scan(FactSymbol fact, Dictionary<string, PolicyValue> claim)
        {
            // The runs depend on the claim's other facts only: a change is described with the scan that found it.
            var key = fact.Name + "|" + string.Join("|", _owner._policy.Facts.Where(f => f.Name != fact.Name).Select(f => claim[f.Name].Kind + ":" + claim[f.Name]));
            if (!_scans.TryGetValue(key, out var runs))
            {
                runs = ScanAnew(fact, claim);
                _scans[key] = runs;
            }

            return runs;
        }

        private List<Run> ScanAnew(FactSymbol fact, Dictionary<string, PolicyValue> claim)
        {
            var (first, last) = fact.Type.Kind == TypeKind.Date ? (FirstDay, LastDay) : (ClaimJson.MinInt, ClaimJson.MaxInt);
            var samples = Relevant(fact, claim)
                .Where(v => v >= first && v <= last)
                .Append(first).Append(last)
                .Distinct().OrderBy(v => v)
                .Select(v => (Value: v, Code: Decide(With(claim, fact.Name, Value(fact, v))).Code))
                .ToList();

            // Bisect every neighbouring pair that decides differently down to neighbouring values.
            var i = 0;
            while (i < samples.Count - 1)
            {
                var (low, high) = (samples[i], samples[i + 1]);
                if (low.Code == high.Code || high.Value - low.Value <= 1 || _budget <= 0)
                {
                    i++;
                    continue;
                }

                var middle = low.Value + ((high.Value - low.Value) / 2);
                samples.Insert(i + 1, (middle, Decide(With(claim, fact.Name, Value(fact, middle))).Code));
            }

            // Runs not narrowed down to the day are no answer: nothing is reported from them.
            if (_budget <= 0)
            {
                return new List<Run>();
            }

            var runs = new List<Run>();
            var start = 0;
            for (var k = 1; k <= samples.Count; k++)
            {
                if (k == samples.Count || samples[k].Code != samples[start].Code)
                {
                    runs.Add(new Run(samples[start].Value, k == samples.Count ? last : samples[k].Value - 1, samples[start].Code));
                    start = k;
                }
            }

            return runs;
        }

        /// <summary>The values where a comparison of the policy may change for this claim.</summary>
        private IEnumerable<int> Relevant(FactSymbol fact, Dictionary<string, PolicyValue> claim)
        {
            var kind = fact.Type.Kind;
            var anchors = claim.Values.Where(v => v.Kind == (kind == TypeKind.Date ? ValueKind.Date : ValueKind.Int)).Select(Number)
                .Concat(kind == TypeKind.Date ? _owner._dateLiterals : _owner._intLiterals)
                .Distinct()
                .ToList();
            if (kind != TypeKind.Date)
            {
                return anchors.SelectMany(a => new long[] { a - 1, a, a + 1 }).Where(v => v is >= int.MinValue and <= int.MaxValue).Select(v => (int)v);
            }

            var shifts = new List<Func<DateTime, DateTime>> { d => d };
            foreach (var (amount, unit) in _owner._durations)
            {
                foreach (var signed in new[] { amount, -amount })
                {
                    shifts.Add(d => Shift(d, signed, unit));
                }
            }

            var offsets = shifts.SelectMany(a => shifts.Select(b => (Func<DateTime, DateTime>)(d => b(a(d))))).ToList();
            var days = new HashSet<int>();
            foreach (var anchor in anchors)
            {
                var date = PolicyValue.Date(anchor).AsDate;
                foreach (var offset in offsets)
                {
                    var day = PolicyValue.DayNumber(offset(date));
                    days.Add(day - 1);
                    days.Add(day);
                    days.Add(day + 1);
                }
            }

            return days;
        }

        /// <summary>A date moved as the policy's <c>+ n months</c> or <c>+ n days</c> does, kept inside the calendar.</summary>
        private static DateTime Shift(DateTime date, int amount, DurationUnit unit)
        {
            var limit = unit == DurationUnit.Months
                ? (DateTime.MaxValue.Year - date.Year - 1) * 12
                : (int)(DateTime.MaxValue - date).TotalDays - 1;
            var floor = unit == DurationUnit.Months
                ? -(date.Year - 1) * 12
                : -(int)(date - DateTime.MinValue).TotalDays;
            var clamped = Math.Max(floor, Math.Min(limit, amount));
            return unit == DurationUnit.Months ? date.AddMonths(clamped) : date.AddDays(clamped);
        }

        private Verdict Decide(Dictionary<string, PolicyValue> claim)
        {
            _budget--;

            // A rejected claim is asked for first: most values a scan tries that are no decision are
            // rejections, and telling them without the interpreter's exception is many times faster.
            foreach (var rejection in _owner._policy.Rejections)
            {
                if (_owner._interpreter.Value(rejection.Condition, claim).AsBool)
                {
                    return default;
                }
            }

            try
            {
                return new Verdict(_owner._interpreter.Evaluate(claim));
            }
            catch (Dsl.Evaluation.ClaimInputException)
            {
                return default;
            }
            catch (Dsl.Evaluation.PolicyDefectException)
            {
                return default;
            }
        }

        private WhatIf Describe(IReadOnlyList<FactChange> changes, InterpretedDecision decision)
        {
            var decidedBy = decision.Clauses.Where(c => c.Decides == decision.Coverage).ToList();
            var before = _decision.Clauses.Where(c => c.Decides == _decision.Coverage);
            var noLonger = before.Where(c => !decision.Clauses.Any(n => n.Index == c.Index)).ToList();
            return new WhatIf(changes, decision.Coverage, decision.Remedies, decision.Requirements, decidedBy, noLonger);
        }

        private static bool IsOrdered(FactSymbol fact) => fact.Type.Kind is TypeKind.Date or TypeKind.Int;

        private static int Number(PolicyValue value) => value.Kind == ValueKind.Date ? value.AsDayNumber : value.AsInt;

        private static PolicyValue Value(FactSymbol fact, int number) =>
            fact.Type.Kind == TypeKind.Date ? PolicyValue.Date(number) : PolicyValue.Int(number);

        private static Dictionary<string, PolicyValue> With(Dictionary<string, PolicyValue> claim, string fact, PolicyValue value) =>
            new(claim, StringComparer.Ordinal) { [fact] = value };
    }
}
