using System.Security.Cryptography;
using System.Text;

namespace ReplyLint.Classifier.Data;

/// <summary>
/// The labelled rows of a data folder (every <c>*.csv</c> with the training header), with a hash of the files read. A
/// CSV that is empty or has only some of the training columns is reported as a problem, not passed over in silence.
/// </summary>
public sealed class TrainingDataSet
{
    private TrainingDataSet(IReadOnlyList<LabelledSentence> rows, IReadOnlyList<string> files, string hash, IReadOnlyList<DataProblem> problems)
    {
        Rows = rows;
        Files = files;
        DataHash = hash;
        Problems = problems;
    }

    public IReadOnlyList<LabelledSentence> Rows { get; }
    /// <summary>The file names read, in the order read (ordinal).</summary>
    public IReadOnlyList<string> Files { get; }
    /// <summary>SHA-256 over the names and bytes of the files read: the model card's "data hash".</summary>
    public string DataHash { get; }
    public IReadOnlyList<DataProblem> Problems { get; }

    /// <summary>Reads a folder of CSVs, or a single CSV file.</summary>
    public static TrainingDataSet Load(string path)
    {
        string[] files;
        var problems = new List<DataProblem>();
        if (File.Exists(path)) files = [Path.GetFullPath(path)];
        else if (Directory.Exists(path))
        {
            var used = new List<string>();
            foreach (var file in Directory.GetFiles(path, "*.csv", SearchOption.TopDirectoryOnly).OrderBy(f => Path.GetFileName(f), StringComparer.Ordinal))
            {
                if (TrainingCsv.IsTrainingFile(file, out var problem)) used.Add(file);
                else if (problem is not null) problems.Add(problem);
            }
            files = [.. used];
        }
        else throw new FileNotFoundException($"training data not found: {path}", path);

        var rows = new List<LabelledSentence>();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in files)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(Path.GetFileName(file) + "\n"));
            sha.AppendData(File.ReadAllBytes(file));
            rows.AddRange(TrainingCsv.Read(file, problems));
        }
        return new TrainingDataSet(rows, files.Select(Path.GetFileName).ToArray()!, Convert.ToHexStringLower(sha.GetHashAndReset()), problems);
    }
}
