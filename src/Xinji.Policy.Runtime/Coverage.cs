namespace Xinji.Policy.Runtime;

/// <summary>Whether a claim is served free of charge under the warranty, or as a paid repair.</summary>
public enum Coverage
{
    Free,
    Paid,
}
