namespace Xinji.Policy.Generator;

/// <summary>Names of the pipeline steps, so tests can check what was cached.</summary>
public static class TrackingNames
{
    public const string PolicyFiles = nameof(PolicyFiles);
    public const string Documents = nameof(Documents);
    public const string Namespace = nameof(Namespace);
    public const string EmitModel = nameof(EmitModel);
}
