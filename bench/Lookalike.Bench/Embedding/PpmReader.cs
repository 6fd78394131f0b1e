using Lookalike.Loading;

namespace Lookalike.Bench.Embedding;

/// <summary>Reads binary PPM (P6, 8-bit) files: the layer-choice copies are pre-decoded by libvips CLI into PPM (ImageDecoder blocks the PPM loader as untrusted input).</summary>
internal static class PpmReader
{
    public static RgbImage Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        int at = 0;
        string Token()
        {
            while (true)
            {
                while (char.IsWhiteSpace((char)bytes[at])) at++;
                if (bytes[at] != '#') break;
                while (bytes[at] != '\n') at++;
            }
            int start = at;
            while (!char.IsWhiteSpace((char)bytes[at])) at++;
            return System.Text.Encoding.ASCII.GetString(bytes, start, at - start);
        }
        if (Token() != "P6") throw new InvalidDataException($"{path}: not a binary PPM (P6).");
        int width = int.Parse(Token()), height = int.Parse(Token()), max = int.Parse(Token());
        if (max != 255) throw new InvalidDataException($"{path}: only 8-bit PPM is supported.");
        at++; // the single whitespace byte after the header
        return new RgbImage(width, height, bytes.AsSpan(at, width * height * 3).ToArray());
    }
}
