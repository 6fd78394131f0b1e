using Lookalike.Files;
using Lookalike.Tests.Support;

namespace Lookalike.Tests.Files;

public class PathPolicyTests
{
    [Fact]
    public void APathInsideOnlyThroughALinkToElsewhereIsOutside()
    {
        using var inside = new TempFolder();
        using var outside = new TempFolder();
        Directory.CreateDirectory(outside["odir"]);
        File.WriteAllText(outside["odir/x.jpg"], "x");
        Directory.CreateDirectory(inside["real"]);
        File.WriteAllText(inside["real/y.jpg"], "y");
        Directory.CreateSymbolicLink(inside["zdir"], outside["odir"]);
        Directory.CreateSymbolicLink(inside["alias"], inside["real"]);

        var policy = new PathPolicy([inside.Root]);
        Assert.Null(policy.Resolve(inside["zdir/x.jpg"], out var reason));
        Assert.Contains($"leads through a link to {outside["odir/x.jpg"]}, outside the folders given", reason);
        Assert.Equal(inside["real/y.jpg"], policy.Resolve(inside["alias/y.jpg"], out _));
        Assert.Null(policy.Resolve(inside["nope.jpg"], out reason));
        Assert.Contains("cannot be resolved", reason);
        Assert.False(policy.Contains(inside.Root + "-sibling/a.jpg")); // a shared prefix is not a parent folder
        Assert.True(PathPolicy.IsReal(inside["real"]));
        Assert.False(PathPolicy.IsReal(inside["alias"]));
    }

    [Fact]
    public void RootsThatAreLinksCountByWhatTheyLeadTo()
    {
        using var target = new TempFolder();
        using var holder = new TempFolder();
        Directory.CreateSymbolicLink(holder["photos"], target.Root);
        File.WriteAllText(target["a.jpg"], "a");
        var policy = new PathPolicy([holder["photos"]]);
        Assert.Equal([target.Root], policy.RealRoots);
        Assert.Equal(target["a.jpg"], policy.Resolve(holder["photos/a.jpg"], out _));
    }
}
