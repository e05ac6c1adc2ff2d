namespace Xinji.Policy.Runtime;

/// <summary>A clause of the policy as the decision cites it: its id, its document section and the sentence(s) it quotes.</summary>
public sealed class ClauseInfo
{
    public ClauseInfo(string id, string section, string text)
    {
        Id = id;
        Section = section;
        Text = text;
    }

    public string Id { get; }

    public string Section { get; }

    /// <summary>The quoted document text; several quotes are joined with a space.</summary>
    public string Text { get; }

    public override string ToString() => Id;
}

/// <summary>A remedy, requirement or note: the code in the decision contract and what it means.</summary>
public sealed class Outcome
{
    public Outcome(string code, string description)
    {
        Code = code;
        Description = description;
    }

    public string Code { get; }

    public string Description { get; }

    public override string ToString() => Code;
}
