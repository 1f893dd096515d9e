namespace Feedback.Cli;

/// <summary>Parsed <c>--name value</c> and <c>--flag</c> options of one command.</summary>
internal sealed class Options
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);

    public string? this[string name] => _values.TryGetValue(name, out var value) ? value : null;

    public bool Has(string name) => _values.ContainsKey(name);

    /// <summary>Parses <paramref name="args"/> from index 1 (index 0 is the command).</summary>
    public static Options? Parse(string[] args, string[] valued, string[] flags, TextWriter stderr, string command)
    {
        var options = new Options();
        for (int i = 1; i < args.Length; i++)
        {
            string arg = args[i];
            if (arg is "--help" or "-h")
            {
                options._values["--help"] = null;
            }
            else if (valued.Contains(arg, StringComparer.Ordinal))
            {
                if (i + 1 >= args.Length)
                {
                    stderr.WriteLine($"feedback {command}: option '{arg}' needs a value. Try 'feedback {command} --help'.");
                    return null;
                }

                options._values[arg] = args[++i];
            }
            else if (flags.Contains(arg, StringComparer.Ordinal))
            {
                options._values[arg] = null;
            }
            else
            {
                stderr.WriteLine($"feedback {command}: unknown argument '{arg}'. Try 'feedback {command} --help'.");
                return null;
            }
        }

        return options;
    }
}
