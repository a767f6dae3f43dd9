namespace Oss.ResumableUpload.Benchmarks.Charts;

/// <summary>A rectangle in SVG user units (pixels at the natural size), y pointing down.</summary>
internal readonly record struct Box(double X, double Y, double Width, double Height)
{
    public double Right => X + Width;

    public double Bottom => Y + Height;

    /// <summary>True when the two rectangles share interior area (touching edges do not count).</summary>
    public bool Intersects(Box other) => X < other.Right && other.X < Right && Y < other.Bottom && other.Y < Bottom;

    public bool Contains(Box other) => other.X >= X && other.Right <= Right && other.Y >= Y && other.Bottom <= Bottom;
}

internal enum TextAnchor
{
    Start,
    Middle,
    End,
}

/// <summary>One text element, with an estimate of the box it covers (no font metrics: average glyph widths of a sans-serif face).</summary>
internal sealed record TextItem(string Text, double X, double Y, double FontSize, TextAnchor Anchor, bool Bold = false, string Fill = ChartColours.Text)
{
    public double Width => EstimateWidth(Text, FontSize, Bold);

    /// <summary>The box from the ascender to the descender, as wide as the estimate.</summary>
    public Box Bounds
    {
        get
        {
            double left = Anchor switch
            {
                TextAnchor.Start => X,
                TextAnchor.Middle => X - (Width / 2),
                _ => X - Width,
            };
            return new Box(left, Y - (FontSize * 0.8), Width, FontSize);
        }
    }

    /// <summary>
    /// A width that errs wide: 0.62 em a glyph (0.68 bold) covers digits and most lower-case letters of the usual
    /// sans-serif faces, DejaVu Sans (the widest common fallback, 0.636 em digits) included.
    /// </summary>
    public static double EstimateWidth(string text, double fontSize, bool bold = false) => text.Length * fontSize * (bold ? 0.68 : 0.62);
}

/// <summary>A contender: its name in the legend, which runs it takes, and its fill.</summary>
internal sealed record Series(string Name, bool Library, string Colour);

/// <summary>One bar: the median as the bar, the minimum and maximum as a whisker across it, and the value label after both.</summary>
internal sealed record Bar(Series Series, Box Rect, Summary Summary, double WhiskerMinX, double WhiskerMaxX, TextItem Value)
{
    public double CentreY => Rect.Y + (Rect.Height / 2);
}

/// <summary>A vertical reference line (the 85% target, the 100% cap), labelled above the plot area.</summary>
internal sealed record TargetLine(double X, TextItem Label);

/// <summary>A tick: the gridline's x and its label under the plot area.</summary>
internal sealed record Tick(double X, TextItem Label);

/// <summary>A legend entry: a swatch (or the whisker glyph when <see cref="Series"/> is null) and its text.</summary>
internal sealed record LegendItem(Series? Series, Box Swatch, TextItem Label);

/// <summary>One panel: a heading above, the plot area with gridlines and bars, ticks and the axis title below.</summary>
internal sealed record Panel(TextItem Heading, TextItem AxisTitle, Box Plot, NiceScale Scale, IReadOnlyList<Tick> Ticks, IReadOnlyList<Bar> Bars, IReadOnlyList<TargetLine> Targets);

/// <summary>The colours: Okabe–Ito blue and orange (distinct under the common colour-vision deficiencies) and greys for text and grid.</summary>
internal static class ChartColours
{
    public const string Library = "#0072B2";

    public const string Loop = "#E69F00";

    public const string Text = "#1A1A1A";

    public const string MutedText = "#4D4D4D";

    public const string Grid = "#D9D9D9";

    public const string Axis = "#737373";

    public const string Whisker = "#000000";
}
