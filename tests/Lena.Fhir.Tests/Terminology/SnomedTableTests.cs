using Lena.Fhir.Codes;

namespace Lena.Fhir.Tests.Terminology;

public class SnomedTableTests
{
    [Fact]
    public void Every_concept_a_source_gives_maps_to_its_meaning()
    {
        var expectations = TerminologySources.Snomed().ToList();
        Assert.True(expectations.Count > 500, $"only {expectations.Count} source rows read");

        var wrong = expectations
            .Where(e => !ConditionCodes.MeaningsOf(FhirSystems.Snomed, e.Row.Code).Contains(Enum.Parse<ConditionMeaning>(e.Meaning)))
            .Select(e => $"{e.Row.Source}: {e.Row.Code} {e.Row.Display} → {e.Meaning}")
            .ToList();
        Assert.Empty(wrong);
    }

    [Theory]
    [InlineData("162864005", "Obesity")] // Body mass index 30+ - obesity
    [InlineData("414916001", "Obesity")] // Obesity
    [InlineData("88805009", "CardiacDisease")] // Chronic congestive heart failure
    [InlineData("53741008", "CardiacDisease")] // Coronary arteriosclerosis
    [InlineData("22298006", "CardiacDisease")] // Myocardial infarction
    [InlineData("44054006", "Diabetes")] // Diabetes mellitus type 2
    [InlineData("431855005", "ChronicKidneyDisease")] // CKD stage 1
    [InlineData("431856006", "ChronicKidneyDisease")] // CKD stage 2
    [InlineData("433144002", "ChronicKidneyDisease")] // CKD stage 3
    [InlineData("46177005", "ChronicKidneyDisease")] // End-stage renal disease
    [InlineData("72892002", "Pregnancy")] // Normal pregnancy
    [InlineData("77386006", "Pregnancy")] // Pregnant
    [InlineData("128053003", "PriorVte")] // Deep venous thrombosis
    [InlineData("59282003", "PriorVte")] // Pulmonary embolism
    [InlineData("109989006", "MultipleMyeloma")]
    [InlineData("441509002", "CardiacDeviceInSitu")] // Cardiac pacemaker in situ
    public void Known_concepts_have_their_meaning(string code, string meaning) =>
        Assert.Contains(Enum.Parse<ConditionMeaning>(meaning), ConditionCodes.MeaningsOf(FhirSystems.Snomed, code));

    [Theory]
    [InlineData("162863004")] // Body mass index 25-29 - overweight: not obesity
    [InlineData("238131007")] // Overweight
    [InlineData("413587002")] // Smoldering myeloma: not an indication
    [InlineData("94704006")] // Multiple myeloma in remission: maintenance or not cannot be told
    [InlineData("441769002")] // Cardiac defibrillator in situ: not a pacemaker
    [InlineData("19169002")] // Miscarriage in first trimester: not pregnant now
    [InlineData("15777000")] // Prediabetes
    public void Concepts_the_sources_or_their_filters_leave_out_mean_nothing(string code) =>
        Assert.Empty(ConditionCodes.MeaningsOf(FhirSystems.Snomed, code));

    [Fact]
    public void A_pacemaker_is_the_catheter_or_pacemaker_risk_factor() =>
        Assert.Equal("centralVenousCatheterOrPacemaker", ConditionCodes.VteFactor(ConditionMeaning.CardiacDeviceInSitu));
}
