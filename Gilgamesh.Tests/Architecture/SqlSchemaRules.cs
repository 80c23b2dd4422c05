using System.Text.RegularExpressions;

namespace Gilgamesh.Tests.Architecture;

/// <summary>
/// "Each module owns its schema" as a check on text: every schema-qualified name in a module's SQL (the string
/// literals of its C# sources, and its migration files) must be in the module's own schema. The kernel's
/// tables (<c>platform</c>, <c>hangfire</c>) are reached through kernel APIs, never by a module's SQL.
/// </summary>
public static partial class SqlSchemaRules
{
    /// <summary>Schemas no module may name: the kernel's.</summary>
    public static readonly string[] KernelSchemas = ["platform", "hangfire"];

    /// <summary>References such as <c>platform.users</c> in <paramref name="text"/> to a known schema other than <paramref name="ownSchema"/>.</summary>
    public static IReadOnlyList<string> ForeignReferences(string text, string ownSchema, IEnumerable<string> knownSchemas, bool isCSharp)
    {
        var foreign = knownSchemas.Where(s => s != ownSchema).Distinct().ToHashSet(StringComparer.OrdinalIgnoreCase);
        var sqlParts = isCSharp ? StringLiterals(text) : [StripSqlComments(text)];
        return sqlParts
            .SelectMany(part => QualifiedName().Matches(part))
            .Where(m => foreign.Contains(m.Groups["schema"].Value))
            .Select(m => m.Value.ToLowerInvariant())
            .Distinct()
            .ToList();
    }

    /// <summary>Every breach in a module's folder of C# sources and its migrations folder, as "file: reference".</summary>
    public static IReadOnlyList<string> ModuleBreaches(string sourceFolder, string? migrationsFolder, string ownSchema, IEnumerable<string> knownSchemas)
    {
        var known = knownSchemas.ToList();
        var files = Directory.EnumerateFiles(sourceFolder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (File: f, CSharp: true));
        if (migrationsFolder is not null && Directory.Exists(migrationsFolder))
            files = files.Concat(Directory.EnumerateFiles(migrationsFolder, "*.sql").Select(f => (File: f, CSharp: false)));
        return files
            .SelectMany(f => ForeignReferences(File.ReadAllText(f.File), ownSchema, known, f.CSharp).Select(r => $"{Path.GetFileName(f.File)}: {r}"))
            .ToList();
    }

    private static List<string> StringLiterals(string csharp) =>
        Literal().Matches(csharp).Select(m => m.Value).ToList();

    private static string StripSqlComments(string sql) => SqlLineComment().Replace(sql, "");

    // A raw literal ("""…""") or an ordinary or verbatim one on one line.
    [GeneratedRegex("\"\"\"[\\s\\S]*?\"\"\"|@?\"(?:[^\"\\\\\\n]|\\\\.|\"\")*\"")]
    private static partial Regex Literal();

    [GeneratedRegex(@"\b(?<schema>[A-Za-z_][A-Za-z0-9_]*)\.(?<name>[A-Za-z_][A-Za-z0-9_]*)\b")]
    private static partial Regex QualifiedName();

    [GeneratedRegex(@"--[^\n]*")]
    private static partial Regex SqlLineComment();
}
