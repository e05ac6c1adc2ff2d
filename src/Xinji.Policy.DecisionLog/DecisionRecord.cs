using System;

namespace Xinji.Policy.DecisionLog;

/// <summary>
/// One decision as the service gave it: what was asked (the claim exactly as received), what was
/// answered, when, under which version of which policy, and for whom.
/// </summary>
/// <param name="Id">The decision's id, unique in the log.</param>
/// <param name="DecidedAt">When the decision was made; stored exactly, offset included.</param>
/// <param name="PolicyName">The name of the policy that decided.</param>
/// <param name="PolicyHash">The content hash of the version of the policy that decided.</param>
/// <param name="ClaimJson">The claim as the client sent it.</param>
/// <param name="DecisionJson">The decision as the client received it.</param>
/// <param name="Client">Who asked, when the request was authenticated; otherwise null.</param>
public sealed record DecisionRecord(
    string Id,
    DateTimeOffset DecidedAt,
    string PolicyName,
    string PolicyHash,
    string ClaimJson,
    string DecisionJson,
    string? Client);
