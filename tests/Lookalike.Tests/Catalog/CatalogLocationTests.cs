using Lookalike.Catalog;
using Lookalike.Tests.Support;

namespace Lookalike.Tests.Catalog;

/// <summary>The one rule every command uses to find its catalog, on real folders.</summary>
public class CatalogLocationTests
{
    [Fact]
    public void IndexingANewFolderPutsTheCatalogInsideIt()
    {
        using var folder = new TempFolder().With("china.jpg=photos/a/china.jpg");
        Assert.Equal(folder["photos/.lookalike/catalog.db"], CatalogLocation.ForIndexing([folder["photos"]], null));
        Assert.Equal(folder["db/catalog.db"], CatalogLocation.ForIndexing([folder["photos"]], folder["db"]));
    }

    [Fact]
    public void FilesAndSubfoldersFindTheCatalogAboveThem()
    {
        using var folder = new TempFolder().With("china.jpg=photos/a/china.jpg", "flower.jpg=photos/b/flower.jpg");
        using (CatalogLocation.OpenForIndexing([folder["photos"]], null)) { }
        var catalog = folder["photos/.lookalike/catalog.db"];
        Assert.Equal(catalog, CatalogLocation.Existing([folder["photos/a/china.jpg"], folder["photos/b/flower.jpg"]], null));
        Assert.Equal(catalog, CatalogLocation.ForIndexing([folder["photos/b"]], null)); // indexing a subfolder adds to it
    }

    [Fact]
    public void MissingPathsAreNamedAndNothingIsCreated()
    {
        using var folder = new TempFolder().With("china.jpg=photos/china.jpg");
        var error = Assert.Throws<BadInputException>(() => CatalogLocation.OpenForIndexing([folder["NOPE"], folder["photos"]], null));
        Assert.Contains(folder["NOPE"], error.Message);
        Assert.Throws<BadInputException>(() => CatalogLocation.OpenExisting([folder["photos/missing.jpg"]], null));
        Assert.False(Directory.Exists(folder["NOPE"]));
        Assert.False(Directory.Exists(folder["photos/.lookalike"]));
    }

    [Fact]
    public void ReadingNeedsAnExistingCatalogAndTwoCatalogsAreAmbiguous()
    {
        using var folder = new TempFolder().With("china.jpg=one/china.jpg", "flower.jpg=two/flower.jpg");
        var none = Assert.Throws<CatalogException>(() => CatalogLocation.Existing([folder["one/china.jpg"]], null));
        Assert.Contains(folder["one/china.jpg"], none.Message);
        Assert.Throws<CatalogException>(() => CatalogLocation.Existing([], folder["one"]));

        using (CatalogLocation.OpenForIndexing([folder["one"]], null)) { }
        using (CatalogLocation.OpenForIndexing([folder["two"]], null)) { }
        var both = Assert.Throws<CatalogException>(() => CatalogLocation.Existing([folder["one/china.jpg"], folder["two/flower.jpg"]], null));
        Assert.Contains("different catalogs", both.Message);
    }
}
