using System;
using System.Collections.Generic;
using System.IO;
using Scriban;
using Scriban.Runtime;
using Xinji.Policy.Generator.Model;

namespace Xinji.Policy.Generator.Emit;

/// <summary>Renders the emit model through the embedded Scriban templates, one source file each.</summary>
internal static class TemplateRenderer
{
    private static readonly string[] TemplateNames = { "Enums", "Claim", "Decision", "Policy" };

    private static readonly Dictionary<string, Template> Templates = Load();

    public static IEnumerable<(string HintName, string Source)> Render(PolicyEmitModel model)
    {
        foreach (var name in TemplateNames)
        {
            var globals = new ScriptObject();
            globals.Import(model, renamer: member => member.Name);
            var types = new ScriptObject();
            foreach (var type in model.Types)
            {
                types[type.Name] = type.Code;
            }

            globals["T"] = types;
            var context = new TemplateContext
            {
                MemberRenamer = member => member.Name,
                StrictVariables = true,
                // No limits of Scriban's own: a policy of any size renders whole (the defaults stop a
                // loop at 1,000 steps and cut output at 1 MiB, which large policies exceed).
                LoopLimit = 0,
                RecursiveLimit = 0,
                LimitToString = 0,
                OutputLimit = 0,
            };
            context.PushGlobal(globals);
            var source = Templates[name].Render(context);
            yield return (model.HintPrefix + "." + name + ".g.cs", Normalize(source));
        }
    }

    /// <summary>One newline style, no trailing spaces, one final newline: output independent of the machine.</summary>
    private static string Normalize(string source)
    {
        var lines = source.Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            lines[i] = lines[i].TrimEnd();
        }

        return string.Join("\n", lines).Trim('\n') + "\n";
    }

    private static Dictionary<string, Template> Load()
    {
        var templates = new Dictionary<string, Template>(StringComparer.Ordinal);
        var assembly = typeof(TemplateRenderer).Assembly;
        foreach (var name in TemplateNames)
        {
            var resource = "Xinji.Policy.Generator.Templates." + name + ".scriban";
            using var stream = assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException("The template resource " + resource + " is missing from the generator.");
            using var reader = new StreamReader(stream);
            var template = Template.Parse(reader.ReadToEnd(), resource);
            if (template.HasErrors)
            {
                throw new InvalidOperationException("The template " + resource + " does not parse: " + string.Join("; ", template.Messages));
            }

            templates[name] = template;
        }

        return templates;
    }
}
