using System.Text.RegularExpressions;

namespace Oss.ResumableUpload.Tests.Snippets;

/// <summary>
/// The C# examples in README.md and docs/*.md are compiled code. A fenced <c>csharp</c> block preceded by a line
/// <c>&lt;!-- snippet: NAME --&gt;</c> must equal the region NAME of a file in this folder: the lines between
/// <c>// &lt;snippet:NAME&gt;</c> and <c>// &lt;/snippet&gt;</c>, with their common indentation removed. Every tag needs
/// its region, and every region must be shown somewhere.
/// </summary>
public sealed partial class SnippetsAreCompiledTests
{
    [Fact]
    public void EveryTaggedBlockEqualsItsCompiledRegionAndEveryRegionIsUsed()
    {
        string root = FindRepositoryRoot();
        IReadOnlyDictionary<string, Region> regions = ReadRegions(root, out List<string> problems);
        var used = new HashSet<string>(StringComparer.Ordinal);

        foreach (string document in Documents(root))
        {
            foreach (TaggedBlock block in ReadTaggedBlocks(root, document, problems))
            {
                used.Add(block.Name);
                if (!regions.TryGetValue(block.Name, out Region? region))
                {
                    problems.Add($"{block.Where}: snippet '{block.Name}' has no region '// <snippet:{block.Name}>' in tests/Oss.ResumableUpload.Tests/Snippets.");
                    continue;
                }

                if (FirstDifference(region.Lines, block.Lines) is int line)
                {
                    string expected = line < region.Lines.Count ? region.Lines[line] : "(end of the snippet)";
                    string actual = line < block.Lines.Count ? block.Lines[line] : "(end of the block)";
                    problems.Add(
                        $"{block.Where}: snippet '{block.Name}' differs from {region.Where} at line {line + 1} of the block:\n" +
                        $"  expected: {expected}\n  actual:   {actual}\n" +
                        $"  the block should read:\n{string.Join('\n', region.Lines)}");
                }
            }
        }

        foreach (Region region in regions.Values.Where(r => !used.Contains(r.Name)))
        {
            problems.Add($"{region.Where}: region '{region.Name}' is shown in no document (README.md, docs/*.md).");
        }

        Assert.True(problems.Count == 0, string.Join("\n\n", problems));
    }

    [Fact]
    public void TheCheckerFindsTheRepositoryAndSomeTaggedBlocks()
    {
        // Guards the test above against passing vacuously (no documents found, no tags recognized).
        string root = FindRepositoryRoot();
        var problems = new List<string>();
        int blocks = Documents(root).Sum(d => ReadTaggedBlocks(root, d, problems).Count);

        Assert.True(blocks >= 5, $"only {blocks} tagged blocks found under {root}");
        Assert.True(ReadRegions(root, out _).Count >= 5);
    }

    [Fact]
    public void DedentRemovesTheCommonIndentationOnly()
    {
        Assert.Equal(["a", "    b", string.Empty, "c"], Dedent(["        a", "            b", "   ", "        c"]));
        Assert.Equal(1, FirstDifference(["x", "y"], ["x", "z"]));
        Assert.Equal(2, FirstDifference(["x", "y"], ["x", "y", "extra"]));
        Assert.Null(FirstDifference(["x"], ["x"]));
    }

    internal static string FindRepositoryRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Oss.ResumableUpload.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("No Oss.ResumableUpload.sln above " + AppContext.BaseDirectory);
    }

    private static IEnumerable<string> Documents(string root)
    {
        yield return Path.Combine(root, "README.md");
        string docs = Path.Combine(root, "docs");
        if (Directory.Exists(docs))
        {
            foreach (string file in Directory.GetFiles(docs, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                yield return file;
            }
        }
    }

    private static Dictionary<string, Region> ReadRegions(string root, out List<string> problems)
    {
        problems = [];
        var regions = new Dictionary<string, Region>(StringComparer.Ordinal);
        string folder = Path.Combine(root, "tests", "Oss.ResumableUpload.Tests", "Snippets");
        foreach (string file in Directory.GetFiles(folder, "*.cs").Order(StringComparer.Ordinal))
        {
            string[] lines = File.ReadAllLines(file);
            string relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            for (int i = 0; i < lines.Length; i++)
            {
                Match open = RegionStart().Match(lines[i]);
                if (!open.Success)
                {
                    continue;
                }

                string name = open.Groups["name"].Value;
                int end = Array.FindIndex(lines, i + 1, l => RegionEnd().IsMatch(l) || RegionStart().IsMatch(l));
                if (end < 0 || !RegionEnd().IsMatch(lines[end]))
                {
                    problems.Add($"{relative}:{i + 1}: region '{name}' has no '// </snippet>' before the next region or the end of the file.");
                    continue;
                }

                var region = new Region(name, $"{relative}:{i + 1}", Dedent(lines[(i + 1)..end]));
                if (!regions.TryAdd(name, region))
                {
                    problems.Add($"{region.Where}: region '{name}' is also defined at {regions[name].Where}.");
                }

                i = end;
            }
        }

        return regions;
    }

    private static List<TaggedBlock> ReadTaggedBlocks(string root, string document, List<string> problems)
    {
        var blocks = new List<TaggedBlock>();
        if (!File.Exists(document))
        {
            return blocks;
        }

        string[] lines = File.ReadAllLines(document);
        string relative = Path.GetRelativePath(root, document).Replace('\\', '/');
        for (int i = 0; i < lines.Length; i++)
        {
            Match tag = Tag().Match(lines[i]);
            if (!tag.Success)
            {
                continue;
            }

            string name = tag.Groups["name"].Value;
            string where = $"{relative}:{i + 1}";
            if (i + 1 >= lines.Length || lines[i + 1].TrimEnd() != "```csharp")
            {
                problems.Add($"{where}: the tag for snippet '{name}' must be followed at once by a ```csharp line.");
                continue;
            }

            int close = Array.FindIndex(lines, i + 2, l => l.TrimEnd() == "```");
            if (close < 0)
            {
                problems.Add($"{where}: the block of snippet '{name}' is never closed.");
                continue;
            }

            blocks.Add(new TaggedBlock(name, where, lines[(i + 2)..close].Select(l => l.TrimEnd()).ToList()));
            i = close;
        }

        return blocks;
    }

    private static List<string> Dedent(string[] lines)
    {
        int indent = lines.Where(l => l.Trim().Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
        return lines.Select(l => l.Trim().Length == 0 ? string.Empty : l[indent..].TrimEnd()).ToList();
    }

    private static int? FirstDifference(IReadOnlyList<string> expected, IReadOnlyList<string> actual)
    {
        int common = Math.Min(expected.Count, actual.Count);
        for (int i = 0; i < common; i++)
        {
            if (!string.Equals(expected[i], actual[i], StringComparison.Ordinal))
            {
                return i;
            }
        }

        return expected.Count == actual.Count ? null : common;
    }

    [GeneratedRegex(@"^\s*// <snippet:(?<name>[A-Za-z0-9._-]+)>\s*$")]
    private static partial Regex RegionStart();

    [GeneratedRegex(@"^\s*// </snippet>\s*$")]
    private static partial Regex RegionEnd();

    [GeneratedRegex(@"^<!-- snippet: (?<name>[A-Za-z0-9._-]+) -->\s*$")]
    private static partial Regex Tag();

    private sealed record Region(string Name, string Where, List<string> Lines);

    private sealed record TaggedBlock(string Name, string Where, List<string> Lines);
}
