using Lena.CdsHooks.Cards;

namespace Lena.CdsHooks.Tests.CardRendering;

public class CardTextTests
{
    [Theory]
    [InlineData(CardConcern.Dose, "renal", true)]
    [InlineData(CardConcern.Dose, "renal.serumCreatinineMgPerDl", true)]
    [InlineData(CardConcern.Dose, "labs[0]", true)]
    [InlineData(CardConcern.Dose, "renalX", false)]
    [InlineData(CardConcern.Dose, "rena", false)]
    [InlineData(CardConcern.Dose, "", false)]
    [InlineData(CardConcern.Vte, "heightCm", true)]
    [InlineData(CardConcern.Vte, "labs.anc", false)]
    [InlineData(CardConcern.Contraindications, "therapy.transplantCandidate", true)]
    [InlineData(CardConcern.Contraindications, "therapy.cycle", false)]
    [InlineData(CardConcern.Contraindications, "therapy", false)]
    [InlineData(CardConcern.Rems, "pregnancyTest.result", true)]
    [InlineData(CardConcern.MissingData, "renal", false)]
    public void A_card_covers_its_input_fields_and_what_lies_below_them(CardConcern concern, string field, bool covered) =>
        Assert.Equal(covered, CardConcerns.Covers(concern, field));

    [Theory]
    [InlineData("prefetch.observations.entry[3]", false)]
    [InlineData("sex", true)]
    [InlineData("breastfeeding", true)]
    public void Any_card_covers_what_one_card_covers(string field, bool covered) =>
        Assert.Equal(covered, CardConcerns.AnyCovers(field));

    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("plain text 1.4 mg/dL", "plain text 1.4 mg/dL")]
    [InlineData("a|b *c* _d_ `e` [f](g) <h> #i \\j", "a\\|b \\*c\\* \\_d\\_ \\`e\\` \\[f\\](g) \\<h\\> \\#i \\\\j")]
    [InlineData("line\r\nbreak", "line  break")]
    public void Markdown_escaping_leaves_plain_text_alone_and_escapes_the_rest(string? text, string escaped) =>
        Assert.Equal(escaped, MarkdownText.Escape(text));
}
