using Xinji.Policy.LanguageServer.Protocol;

namespace Xinji.Policy.LanguageServer.Tests;

public sealed class LineMapTests
{
    [Theory]
    [InlineData("a\nbc\nd", 3, 1, 1)]
    [InlineData("a\r\nbc\r\nd", 4, 1, 1)]
    [InlineData("a\rbc", 3, 1, 1)]
    [InlineData("ab", 2, 0, 2)]
    public void Offsets_and_positions_agree_whatever_the_line_ends(string text, int offset, int line, int character)
    {
        var map = new LineMap(text);

        Assert.Equal(new Position(line, character), map.Position(offset));
        Assert.Equal(offset, map.Offset(new Position(line, character)));
    }

    [Fact]
    public void A_position_past_the_text_is_clamped_into_it()
    {
        var map = new LineMap("ab\ncd");

        Assert.Equal(2, map.Offset(new Position(0, 99)));
        Assert.Equal(5, map.Offset(new Position(7, 0)));
        Assert.Equal(0, map.Offset(new Position(-1, -1)));
    }

    [Fact]
    public void Incremental_changes_replace_their_range_and_a_change_without_one_replaces_all()
    {
        var text = "clause A\n  when x\n  then free\n";
        text = LineMap.Apply(text, new TextDocumentContentChangeEvent(new Range(new Position(1, 7), new Position(1, 8)), "y and z"));
        text = LineMap.Apply(text, new TextDocumentContentChangeEvent(new Range(new Position(2, 0), new Position(3, 0)), string.Empty));

        Assert.Equal("clause A\n  when y and z\n", text);
        Assert.Equal("new", LineMap.Apply(text, new TextDocumentContentChangeEvent(null, "new")));
    }

    [Fact]
    public void A_change_whose_end_is_before_its_start_inserts()
    {
        var text = LineMap.Apply("abc", new TextDocumentContentChangeEvent(new Range(new Position(0, 2), new Position(0, 1)), "X"));

        Assert.Equal("abXc", text);
    }
}
