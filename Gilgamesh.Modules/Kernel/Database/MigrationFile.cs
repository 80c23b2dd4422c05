using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Gilgamesh.Modules.Kernel.Database;

/// <summary>One numbered SQL file, <c>migrations/&lt;schema&gt;/NNNN_description.sql</c>.</summary>
internal sealed partial record MigrationFile(string Schema, string FileName, string Sql, string Sha256)
{
    public string DisplayPath => $"migrations/{Schema}/{FileName}";

    public static IReadOnlyList<MigrationFile> ReadFolder(string migrationsRoot, string schema)
    {
        var folder = Path.Combine(migrationsRoot, schema);
        if (!Directory.Exists(folder)) return [];
        var files = new List<MigrationFile>();
        foreach (var path in Directory.EnumerateFiles(folder, "*.sql"))
        {
            var name = Path.GetFileName(path);
            if (!NamePattern().IsMatch(name))
                throw new InvalidOperationException(
                    $"Migration file migrations/{schema}/{name} is not named NNNN_description.sql (four digits, lowercase words).");
            // Line endings are normalised so a checkout with CRLF conversion does not look like an edit.
            var sql = File.ReadAllText(path).Replace("\r\n", "\n");
            var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sql))).ToLowerInvariant();
            files.Add(new MigrationFile(schema, name, sql, hash));
        }
        var ordered = files.OrderBy(f => f.FileName, StringComparer.Ordinal).ToList();
        var duplicate = ordered.GroupBy(f => f.FileName[..4]).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidOperationException(
                $"Two migrations in migrations/{schema} share the number {duplicate.Key}: {string.Join(", ", duplicate.Select(f => f.FileName))}");
        return ordered;
    }

    [GeneratedRegex(@"^\d{4}_[a-z0-9_]+\.sql$")]
    private static partial Regex NamePattern();
}
