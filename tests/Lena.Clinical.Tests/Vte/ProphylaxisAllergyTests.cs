using Lena.Clinical.Contract;
using Lena.Clinical.Tests.Evaluators;

namespace Lena.Clinical.Tests.Vte;

/// <summary>Recorded allergies to the prophylaxis agents redirect the advice; no advice names a drug the patient is allergic to.</summary>
public class ProphylaxisAllergyTests
{
    private static System.Text.Json.JsonElement Prophylaxis(Reply reply) => reply.Ok.GetProperty("prophylaxis");

    [Fact]
    public void AnAspirinAllergyRedirectsALowRiskPatientToLmwhOrWarfarin()
    {
        var reply = EvaluatorRequests.Post(Concern.VteProphylaxis, EvaluatorRequests.Patient().Set("history.aspirinAllergy", true));

        Assert.Equal("lmwhOrWarfarin", Prophylaxis(reply).GetProperty("recommendation").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, Prophylaxis(reply).GetProperty("aspirinDoseMg").ValueKind);
        Assert.Contains("prophylaxisAspirinAllergy", reply.FindingCodes);
        Assert.DoesNotContain("vteProphylaxisAspirin", reply.FindingCodes);
    }

    [Theory]
    [InlineData("history.heparinAllergy", "prophylaxisHeparinAllergy", false, true)]
    [InlineData("history.warfarinAllergy", "prophylaxisWarfarinAllergy", true, false)]
    public void AnAnticoagulantAllergyLeavesTheOtherAgent(string allergy, string code, bool lmwh, bool warfarin)
    {
        var reply = EvaluatorRequests.Post(Concern.VteProphylaxis, EvaluatorRequests.Patient().Set("regimen.doxorubicin", true).Set(allergy, true));

        Assert.Equal("lmwhOrWarfarin", Prophylaxis(reply).GetProperty("recommendation").GetString());
        Assert.Equal(lmwh, Prophylaxis(reply).TryGetProperty("lmwh", out _));
        Assert.Equal(warfarin, Prophylaxis(reply).TryGetProperty("warfarinInrTarget", out _));
        Assert.Contains(code, reply.FindingCodes);
    }

    [Fact]
    public void AllergiesToEveryAgentAreCritical()
    {
        var reply = EvaluatorRequests.Post(Concern.VteProphylaxis, EvaluatorRequests.Patient()
            .Set("history.aspirinAllergy", true).Set("history.heparinAllergy", true).Set("history.warfarinAllergy", true));

        Assert.Contains("prophylaxisNoAgent", reply.FindingCodes);
        Assert.False(Prophylaxis(reply).TryGetProperty("lmwh", out _));
        Assert.False(Prophylaxis(reply).TryGetProperty("warfarinInrTarget", out _));
    }

    [Fact]
    public void AThalidomideClassAllergyIsAWarning() =>
        Assert.Contains("thalidomideClassAllergy", EvaluatorRequests.Post(Concern.Contraindications, EvaluatorRequests.Patient().Set("history.thalidomideClassAllergy", true)).FindingCodes);
}
