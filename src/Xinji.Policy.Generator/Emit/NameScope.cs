using System.Collections.Generic;
using System.Globalization;

namespace Xinji.Policy.Generator.Emit;

/// <summary>
/// The names already taken in one C# scope (a method's locals, a type's members). Every name
/// from a policy that becomes a local or a private member is given out here: it keeps its own
/// spelling when that is free, and takes the first free number after it otherwise, so it can
/// never collide with the generator's own names, a type it reads, or another policy name.
/// </summary>
internal sealed class NameScope
{
    private readonly HashSet<string> _taken;

    public NameScope(IEnumerable<string> reserved) => _taken = new HashSet<string>(reserved, System.StringComparer.Ordinal);

    /// <summary>The name, or the name with the first free number after it, as a C# identifier; taken from now on.</summary>
    public string Take(string name)
    {
        var candidate = name;
        for (var n = 2; !_taken.Add(candidate); n++)
        {
            candidate = name + "_" + n.ToString(CultureInfo.InvariantCulture);
        }

        return CSharp.Identifier(candidate);
    }

    /// <summary>Marks names as taken without giving them out, such as the public members a policy names.</summary>
    public void Reserve(IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            _taken.Add(name);
        }
    }
}
