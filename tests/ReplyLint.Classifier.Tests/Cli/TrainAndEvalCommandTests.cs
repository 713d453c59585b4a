using System.Diagnostics;
using System.Text.Json;
using ReplyLint.Classifier.Data;
using Xunit;

namespace ReplyLint.Classifier.Tests.Cli;

/// <summary>The <c>train</c> and <c>eval</c> commands run as users run them: the built tool in its own process.</summary>
public sealed class TrainAndEvalCommandTests
{
    internal static (int Exit, string Output, string Error) RunTool(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "replylint.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(4)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("replylint did not finish in 4 minutes");
        }
        return (process.ExitCode, output.Result, error.Result);
    }

    [Fact]
    public void Train_writes_the_model_and_the_card_and_eval_reads_them_back()
    {
        using var temp = new TempFolder();
        var data = Directory.CreateDirectory(Path.Combine(temp.Path, "training")).FullName;
        var curated = TrainingCsv.Read(RepoPaths.File("data", "training", "curated.csv"), new List<DataProblem>());
        using (var writer = new StreamWriter(Path.Combine(data, "mine.csv")))
            TrainingCsv.Write(writer, curated.Where((_, i) => i % 2 == 1), includeSource: false);
        File.WriteAllText(Path.Combine(data, "generator.json"), """{ "seed": 5, "rows": 600 }""");
        var linesBefore = File.ReadAllText(Path.Combine(data, "mine.csv")).Count(c => c == '\n');
        // A stray quote, a row without labels, and a quote never closed that takes the last row with it.
        File.AppendAllText(Path.Combine(data, "mine.csv"), "Broken \"row,1,0,0,0\nno labels here\n\"never closed,0,0,0,0\nswallowed,0,0,0,0\n");
        var output = Path.Combine(temp.Path, "out");
        // Two held-out lists: each is measured and kept in the card.
        var checks = new[] { Path.Combine(temp.Path, "held-a.csv"), Path.Combine(temp.Path, "held-b.csv") };
        foreach (var check in checks)
            File.WriteAllText(check, "text,defensive,perception_denial,legal_jargon,acknowledgement\nYou should have read the manual.,1,0,0,0\nYour parcel ships on Monday.,0,0,0,0\nnot a row\n");

        var (exit, stdout, stderr) = RunTool(temp.Path, "train", "--data", data, "--out", output, "--regenerate", "--no-real-replies", "--trees", "20", "--leaves", "6",
            "--check", checks[0], checks[1]);

        Assert.True(exit == 0, stderr + stdout);
        Assert.Contains("defensive: ", stdout);               // progress
        Assert.Contains("acknowledgement", stdout);          // summary table
        // Malformed lines named with their line numbers, as score names them.
        Assert.Contains($"replylint train: mine.csv:{linesBefore + 1}: skipped: ", stderr);
        Assert.Contains($"replylint train: mine.csv:{linesBefore + 3}-{linesBefore + 4}: skipped: ", stderr);
        Assert.Contains("replylint train: held-a.csv:4: skipped: ", stderr); // the held-out lists' too
        Assert.Contains("replylint train: held-b.csv:4: skipped: ", stderr);
        // Counted per line: the never-closed quote's record took two.
        Assert.Contains("replylint train: 6 malformed line(s) were skipped (listed above).", stderr);
        Assert.DoesNotContain("not shown", stderr);
        Assert.True(File.Exists(Path.Combine(data, "generated.csv")));
        var modelPath = Path.Combine(output, "replylint.zip");
        using (var model = ToneModel.Load(modelPath)) Assert.Matches("^[0-9a-f]{12}$", model.Version);
        using (var card = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "model-card.json"))))
        {
            Assert.Equal(4, card.RootElement.GetProperty("families").GetArrayLength());
            Assert.Equal(64, card.RootElement.GetProperty("dataHash").GetString()!.Length);
            Assert.Contains("train --data", card.RootElement.GetProperty("command").GetString());
            Assert.Equal(["held-a.csv", "held-b.csv"],
                card.RootElement.GetProperty("heldOut").EnumerateArray().Select(h => h.GetProperty("file").GetString()));
        }
        Assert.Contains("held-a.csv: rules only caught", stdout);
        Assert.Contains("held-b.csv: rules only caught", stdout);
        Assert.Contains("precision", File.ReadAllText(Path.Combine(output, "README.md")));
        Assert.Contains("; seed 42", stdout);                // the summary names the data hash and seed
        // The model and its card went into place together: no temporary file is left, and the card names this model.
        Assert.Equal(["README.md", "model-card.json", "replylint.zip"], Directory.GetFiles(output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        using (var model = ToneModel.Load(modelPath))
            Assert.Contains(model.Version, File.ReadAllText(Path.Combine(output, "README.md")));

        var evalFile = Path.Combine(temp.Path, "tiny.csv");
        File.WriteAllText(evalFile, "text,defensive,perception_denial,legal_jargon,acknowledgement\nYou should have read the manual.,1,0,0,0\nSorry about the delay!,0,0,0,1\nthis line is malformed\n");
        var (evalExit, evalOut, evalErr) = RunTool(temp.Path, "eval", "--model", modelPath, "--data", evalFile);
        Assert.True(evalExit == 0, evalErr + evalOut);
        Assert.Contains("perception_denial", evalOut);
        Assert.Contains("actual 1", evalOut);
        Assert.Contains("replylint eval: tiny.csv:4: skipped: ", evalErr);
    }

    [Fact]
    public void Train_names_at_most_50_malformed_lines_and_counts_the_rest_even_when_no_row_is_left()
    {
        using var temp = new TempFolder();
        var data = Directory.CreateDirectory(Path.Combine(temp.Path, "training")).FullName;
        File.WriteAllLines(Path.Combine(data, "bad.csv"),
            ["text,defensive,perception_denial,legal_jargon,acknowledgement", .. Enumerable.Range(1, 55).Select(i => $"Bad label {i}.,2,0,0,0")]);

        var (exit, _, stderr) = RunTool(temp.Path, "train", "--data", data, "--out", Path.Combine(temp.Path, "out"), "--no-real-replies");

        Assert.Equal(2, exit);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(52, lines.Length);
        Assert.Equal("replylint train: bad.csv:2: skipped: defensive is '2' (expected 0, 1 or blank)", lines[0]);
        Assert.StartsWith("replylint train: bad.csv:51: skipped: ", lines[49], StringComparison.Ordinal);
        Assert.Equal("replylint train: 5 more malformed line(s) were skipped and not shown", lines[50]);
        Assert.StartsWith("replylint train: no training rows in ", lines[51], StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_with_a_missing_model_is_an_input_error_naming_the_path()
    {
        using var temp = new TempFolder();
        var evalFile = Path.Combine(temp.Path, "tiny.csv");
        File.WriteAllText(evalFile, "text,defensive,perception_denial,legal_jargon,acknowledgement\nHi.,0,0,0,0\n");
        var missing = Path.Combine(temp.Path, "missing.zip");
        var (exit, _, stderr) = RunTool(temp.Path, "eval", "--model", missing, "--data", evalFile);
        Assert.Equal(2, exit);
        Assert.Contains(missing, stderr);
    }

    [Fact]
    public void Train_with_a_missing_data_folder_is_an_input_error()
    {
        using var temp = new TempFolder();
        var (exit, _, stderr) = RunTool(temp.Path, "train", "--data", Path.Combine(temp.Path, "nothing"), "--out", temp.Path);
        Assert.Equal(2, exit);
        Assert.Contains("not found", stderr);
    }

    [Fact]
    public void Train_refuses_an_out_it_cannot_use_before_training()
    {
        using var temp = new TempFolder();
        var data = Directory.CreateDirectory(Path.Combine(temp.Path, "training")).FullName;
        File.Copy(RepoPaths.File("data", "training", "curated.csv"), Path.Combine(data, "curated.csv"));
        var aFile = Path.Combine(temp.Path, "a-file");
        File.WriteAllText(aFile, "hi");
        var project = Directory.CreateDirectory(Path.Combine(temp.Path, "project")).FullName;
        File.WriteAllText(Path.Combine(project, "README.md"), "# My project\n");

        var (fileExit, _, fileError) = RunTool(temp.Path, "train", "--data", data, "--out", aFile, "--no-real-replies");
        var (readmeExit, readmeOut, readmeError) = RunTool(temp.Path, "train", "--data", data, "--out", project, "--no-real-replies");

        Assert.Equal((2, 2), (fileExit, readmeExit));
        Assert.Contains("is a file; name a folder", fileError);
        Assert.Contains("has a README.md that train did not write", readmeError);
        Assert.DoesNotContain("cross-validated", readmeOut); // refused before any training
        Assert.Equal("# My project\n", File.ReadAllText(Path.Combine(project, "README.md")));
        Assert.Equal(["README.md"], Directory.GetFiles(project).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("--cv-repeats", "0", "--cv-repeats must be in [1, 10] (got 0)")]
    [InlineData("--max-fpr", "2", "--max-fpr must be in [0, 1] (got 2)")]
    [InlineData("--max-char-ngrams", "0", "--max-char-ngrams must be at least 1 (got 0)")]
    [InlineData("--linear-l1", "-0.5", "--linear-l1 must be a number, not negative (got -0.5)")]
    [InlineData("--target-precision", "1.5", "--target-precision must be in (0, 1] (got 1.5)")]
    [InlineData("--target-precision", "NaN", "--target-precision must be in (0, 1] (got NaN)")]
    [InlineData("--linear-l2", "NaN", "--linear-l2 must be a number, not negative (got NaN)")]
    public void Train_with_an_option_out_of_range_is_a_usage_error_that_names_the_flag(string flag, string value, string message)
    {
        using var temp = new TempFolder();
        var data = Path.Combine(temp.Path, "data");
        Directory.CreateDirectory(data);
        var (exit, _, stderr) = RunTool(temp.Path, "train", "--data", data, "--out", temp.Path, flag, value);
        Assert.Equal(2, exit);
        Assert.Contains(message, stderr);
    }

    [Theory]
    [InlineData("perception_denial", "is not family=rate")]
    [InlineData("perception_denial=lots", "is not family=rate")]
    [InlineData("rudeness=0.1", "is not family=rate")]
    [InlineData("legal_jargon=1.5", "is not family=rate")]
    [InlineData("legal_jargon=NaN", "is not family=rate")]
    public void Train_with_a_bad_family_cap_is_a_usage_error_that_says_why(string cap, string why)
    {
        using var temp = new TempFolder();
        var data = Path.Combine(temp.Path, "data");
        Directory.CreateDirectory(data);
        var (exit, _, stderr) = RunTool(temp.Path, "train", "--data", data, "--out", temp.Path, "--family-max-fpr", cap);
        Assert.Equal(2, exit);
        Assert.Contains(why, stderr);
    }
}
