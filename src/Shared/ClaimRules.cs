using System;
using System.Globalization;
using System.Text;

namespace Xinji.Policy;

/// <summary>
/// What a claim's values may be, and what a claim is told when one is not: one source for the
/// interpreter and analysis (netstandard2.0) and for generated claim readers (the runtime), linked
/// into both so the ranges and the messages cannot drift apart.
/// </summary>
internal static class ClaimRules
{
    /// <summary>The least whole number a claim can hold; with the greatest, it keeps the policy's
    /// sums of a number and constants inside 32 bits, which the analysis checks, so every engine
    /// computes them exactly.</summary>
    public const int MinInt = -1_000_000_000;

    /// <summary>The greatest whole number a claim can hold.</summary>
    public const int MaxInt = 1_000_000_000;

    /// <summary>The first date a claim can hold. Policies add months and days to claim dates; the
    /// range keeps every such sum inside the calendar. The policy analysis uses the same range.</summary>
    public static readonly DateTime MinDate = new(1900, 1, 1);

    /// <summary>The last date a claim can hold.</summary>
    public static readonly DateTime MaxDate = new(2199, 12, 31);

    public const string RequiredFieldMissing = "required field is missing";

    public static bool InRange(DateTime date) => date >= MinDate && date <= MaxDate;

    public static bool InRange(int number) => number >= MinInt && number <= MaxInt;

    /// <summary>The problem with a date outside <see cref="MinDate"/>..<see cref="MaxDate"/>.</summary>
    public static string DateOutOfRange(DateTime date) =>
        ValueText.Date(date) + " is outside the dates a claim can hold, " + ValueText.Date(MinDate) + " to " + ValueText.Date(MaxDate);

    /// <summary>The problem with a number outside <see cref="MinInt"/>..<see cref="MaxInt"/>.</summary>
    public static string IntOutOfRange(int number) =>
        ValueText.Int(number) + " is outside the numbers a claim can hold, " + ValueText.Int(MinInt) + " to " + ValueText.Int(MaxInt);

    /// <summary>
    /// What is wrong with text that was meant as a date: a day the month does not have
    /// (<c>"2025-02-30" is not a date: February 2025 has 28 days</c>), a month past 12, or not the
    /// form YYYY-MM-DD at all.
    /// </summary>
    public static string NotADate(string text)
    {
        var quoted = "\"" + Shorten(text) + "\"";
        if (!IsDateShaped(text))
        {
            return quoted + " is not a date of the form YYYY-MM-DD";
        }

        var year = Digits(text, 0, 4);
        var month = Digits(text, 5, 2);
        var day = Digits(text, 8, 2);
        if (year == 0)
        {
            return quoted + " is not a date: the years of the calendar start at 0001";
        }

        if (month is < 1 or > 12)
        {
            return quoted + " is not a date: the months are numbered 01 to 12";
        }

        if (day == 0)
        {
            return quoted + " is not a date: the days of a month start at 01";
        }

        var days = DateTime.DaysInMonth(year, month);
        return day > days
            ? quoted + " is not a date: " + CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(month) + " " + ValueText.Int(year) + " has " + ValueText.Int(days) + " days"
            : quoted + " is not a date of the form YYYY-MM-DD";
    }

    /// <summary>The number the ASCII digits at <paramref name="start"/> spell.</summary>
    private static int Digits(string text, int start, int length)
    {
        var number = 0;
        for (var i = start; i < start + length; i++)
        {
            number = (number * 10) + (text[i] - '0');
        }

        return number;
    }

    /// <summary>Four ASCII digits, a dash, two digits, a dash, two digits.</summary>
    public static bool IsDateShaped(string text)
    {
        if (text.Length != 10)
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var dash = i is 4 or 7;
            if (dash ? text[i] != '-' : text[i] is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Claim text quoted in a message: at most 40 characters, control characters escaped,
    /// so every message stays on one line.</summary>
    public static string Shorten(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in text.Length <= 40 ? text : text.Substring(0, 40))
        {
            if (char.IsControl(c) || c is '\u2028' or '\u2029')
            {
                builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return text.Length <= 40 ? builder.ToString() : builder.Append('…').ToString();
    }
}
