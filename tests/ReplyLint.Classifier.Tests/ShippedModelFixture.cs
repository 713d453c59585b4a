using Xunit;

namespace ReplyLint.Classifier.Tests;

/// <summary>The shipped models/replylint.zip, loaded once for the tests that use it.</summary>
public sealed class ShippedModelFixture : IDisposable
{
    public ShippedModelFixture()
    {
        Path = ModelPaths.DefaultModelPath();
        Model = ToneModel.Load(Path);
    }

    public string Path { get; }
    public ToneModel Model { get; }
    public void Dispose() => Model.Dispose();
}

[CollectionDefinition(Name)]
public sealed class ShippedModelCollection : ICollectionFixture<ShippedModelFixture>
{
    public const string Name = "shipped model";
}
