using Lookalike.Files;

namespace Lookalike.Tests.Files;

/// <summary>Issue 13 defect 7: escape sequences in file names reached the terminal raw; a newline split a one-line error.</summary>
public class PrintableTextTests
{
    [Fact]
    public void ControlCharactersBecomeVisibleEscapes()
    {
        Assert.Equal(@"/p/\x1b[31mred\x07.jpg", PrintableText.Escape("/p/\u001b[31mred\u0007.jpg"));
        Assert.Equal(@"/p/a\nlookalike: fake error.jpg", PrintableText.Escape("/p/a\nlookalike: fake error.jpg"));
        Assert.Equal(@"\x1b]0;title\x07 \x9b \x7f \r\t", PrintableText.Escape("\u001b]0;title\u0007 \u009b \u007f \r\t"));
        Assert.Equal(@"evil\u202egpj.exe", PrintableText.Escape("evil\u202egpj.exe"));
    }

    [Fact]
    public void OrdinaryNamesAreLeftAsTheyAre()
    {
        const string name = "/photos/Été 2024/北京 [1] (copy) \\ x.jpg";
        Assert.Same(name, PrintableText.Escape(name));
    }
}
