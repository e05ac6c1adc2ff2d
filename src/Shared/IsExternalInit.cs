// netstandard2.0 lacks the marker type that records and init-only setters need. Linked into each
// netstandard2.0 project (the DSL and the generator): internal, so each assembly has its own.
namespace System.Runtime.CompilerServices;

internal static class IsExternalInit
{
}
