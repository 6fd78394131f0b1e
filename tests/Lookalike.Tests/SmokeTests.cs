namespace Lookalike.Tests;

public class SmokeTests
{
    [Fact]
    public void OnnxRuntimeLoads() => Assert.False(string.IsNullOrEmpty(Microsoft.ML.OnnxRuntime.OrtEnv.Instance().GetVersionString()));
}
public class SqliteSmoke
{
    [Fact]
    public void SqliteOpens()
    {
        using var c = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=:memory:");
        c.Open();
        using var cmd = c.CreateCommand(); cmd.CommandText = "select sqlite_version()";
        Assert.StartsWith("3.", (string)cmd.ExecuteScalar()!);
    }
}
