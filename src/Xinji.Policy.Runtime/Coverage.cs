namespace Xinji.Policy.Runtime;

/// <summary>Whether the warranty covers a claim free of charge, or the claim is paid for.</summary>
public enum Coverage
{
    Free,
    Paid,
}
