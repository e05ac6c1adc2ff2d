using System;

namespace Xinji.Policy.DecisionLog;

/// <summary>
/// The decision log cannot do what was asked: its location is not one, its store cannot be opened
/// or written, its schema is newer than this code, or a decision id is already taken. The message
/// says which, names the store, and never contains a password.
/// </summary>
public sealed class DecisionLogException : Exception
{
    public DecisionLogException()
    {
    }

    public DecisionLogException(string message)
        : base(message)
    {
    }

    public DecisionLogException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
