using System.Text.Json;
using Lookalike.Tests.Support;

namespace Lookalike.Tests.Cli;

/// <summary><c>lookalike doctor</c> says which libvips the process loaded and what it reads, for each build.</summary>
public class DoctorCommandTests
{
    private const string SystemLibvips = "/usr/lib/x86_64-linux-gnu/libvips.so.42";

    [Fact]
    public void BundledBuildIsLoadedFromTheAppAndReadsAvifButNotHeic()
    {
        var doctor = Doctor("bundled");
        Assert.Equal("bundled", doctor.GetProperty("libvips").GetProperty("build").GetString());
        Assert.Equal("8.18.7", doctor.GetProperty("libvips").GetProperty("version").GetString());
        Assert.EndsWith("libvips-bundled/libvips.so.42", doctor.GetProperty("libvips").GetProperty("path").GetString());
        Assert.True(Readable(doctor, "avif"));
        Assert.True(Readable(doctor, "jpeg"));
        Assert.False(Readable(doctor, "heif")); // no HEVC decoder in the bundled build
    }

    [Fact]
    public void SystemBuildIsUsedWhenInstalledAndReadsHeic()
    {
        var result = LookalikeCli.RunWith(new Dictionary<string, string> { ["LOOKALIKE_LIBVIPS"] = "auto" }, "doctor", "--json");
        Assert.Equal(0, result.ExitCode);
        var libvips = JsonDocument.Parse(result.Stdout).RootElement.GetProperty("libvips");
        if (File.Exists(SystemLibvips))
        {
            Assert.Equal("system", libvips.GetProperty("build").GetString());
            Assert.StartsWith("/usr/lib/", libvips.GetProperty("path").GetString());
            Assert.True(Readable(Doctor("system"), "heif")); // Debian's libheif has the libde265 HEVC decoder
        }
        else
        {
            Assert.Equal("bundled", libvips.GetProperty("build").GetString());
            var forced = LookalikeCli.RunWith(new Dictionary<string, string> { ["LOOKALIKE_LIBVIPS"] = "system" }, "doctor");
            Assert.Equal(1, forced.ExitCode);
            Assert.Contains("apt-get install libvips42", forced.Stderr);
        }
    }

    [Fact]
    public void HumanOutputNamesVersionAndFormats()
    {
        var result = LookalikeCli.RunWith(new Dictionary<string, string> { ["LOOKALIKE_LIBVIPS"] = "bundled" }, "doctor");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("libvips 8.18.7 (bundled)", result.Stdout);
        Assert.Matches(@"(?m)^\s+heif\s+no\s+\.heic \.heif\s+.*HEVC", result.Stdout);
    }

    private static JsonElement Doctor(string build)
    {
        var result = LookalikeCli.RunWith(new Dictionary<string, string> { ["LOOKALIKE_LIBVIPS"] = build }, "doctor", "--json");
        Assert.True(result.ExitCode == 0, result.Stderr);
        return JsonDocument.Parse(result.Stdout).RootElement;
    }

    private static bool Readable(JsonElement doctor, string format) =>
        doctor.GetProperty("formats").EnumerateArray().Single(f => f.GetProperty("name").GetString() == format).GetProperty("readable").GetBoolean();
}
