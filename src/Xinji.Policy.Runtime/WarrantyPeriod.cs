using System;

namespace Xinji.Policy.Runtime;

/// <param name="Start">The first day of the warranty; null when no date establishes it.</param>
/// <param name="End">The last day the warranty covers; null when there is no start.</param>
/// <param name="Active">Whether the claim date falls within the period.</param>
public readonly record struct WarrantyPeriod(DateOnly? Start, DateOnly? End, bool Active);
