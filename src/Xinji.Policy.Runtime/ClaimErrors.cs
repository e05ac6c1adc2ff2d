using System.Collections.Generic;

namespace Xinji.Policy.Runtime;

/// <summary>
/// The field errors found while a claim is read, so the reader can go on past a bad value and
/// report every error at once. A claim reader keeps one as a local and passes it by reference;
/// it allocates nothing until the first error.
/// </summary>
public struct ClaimErrors
{
    private List<ClaimFieldError>? _errors;

    /// <summary>True when an error has been found.</summary>
    public readonly bool Any => _errors is not null;

    public void Add(string field, string problem) => (_errors ??= new List<ClaimFieldError>()).Add(new ClaimFieldError(field, problem));

    /// <summary>Records a required fact the claim did not give.</summary>
    public void Missing(string field) => Add(field, ClaimRules.RequiredFieldMissing);

    /// <summary>Throws one <see cref="ClaimInputException"/> with every error found, if any was.</summary>
    /// <exception cref="ClaimInputException">The claim had errors.</exception>
    public readonly void ThrowIfAny()
    {
        if (_errors is not null)
        {
            throw new ClaimInputException(_errors);
        }
    }
}
