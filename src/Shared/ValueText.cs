using System;
using System.Globalization;

namespace Xinji.Policy;

/// <summary>
/// Values printed the way a policy file writes them (<c>2024-06-01</c>, <c>true</c>, <c>12</c>,
/// <c>unknown</c>): one source for the interpreter's values and the runtime's traced values, so an
/// explanation reads the same whichever engine computed it.
/// </summary>
internal static class ValueText
{
    public const string Unknown = "unknown";

    public static string Bool(bool value) => value ? "true" : "false";

    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Date(DateTime date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
