using Lena.Fhir.Tests.Support;

namespace Lena.Fhir.Tests;

public class CorpusReadingTests
{
    [Theory]
    [InlineData("synthea-warfarin-digoxin")]
    [InlineData("synthea-heart-failure")]
    [InlineData("synthea-coronary-disease")]
    [InlineData("synthea-ckd-diabetes-obesity")]
    [InlineData("synthea-pregnant")]
    [InlineData("synthea-contraceptive")]
    [InlineData("uscore8-amy-shaw")]
    public void Every_corpus_request_reads_as_one_patient_with_its_draft_order(string name)
    {
        var (record, draft) = Corpus.Read(name);

        Assert.NotNull(record.Patient);
        Assert.Equal("draft-len", draft.Id);
    }
}
