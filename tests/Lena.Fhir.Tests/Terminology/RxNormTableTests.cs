using Lena.Fhir.Codes;

namespace Lena.Fhir.Tests.Terminology;

public class RxNormTableTests
{
    [Fact]
    public void Every_code_a_source_gives_maps_to_its_ingredient()
    {
        var expectations = TerminologySources.RxNorm().ToList();
        Assert.True(expectations.Count > 400, $"only {expectations.Count} source rows read");

        var wrong = expectations
            .Where(e => !RxNormIngredients.Of(e.Row.Code).Contains(e.Ingredient))
            .Select(e => $"{e.Row.Source}: {e.Row.Code} {e.Row.Display} → {e.Ingredient}")
            .ToList();
        Assert.Empty(wrong);
    }

    [Fact]
    public void The_table_holds_no_code_its_sources_do_not_give()
    {
        var given = TerminologySources.RxNorm().Select(e => e.Row.Code).ToHashSet(StringComparer.Ordinal);

        Assert.DoesNotContain(RxNormProducts.Table.Keys, code => !given.Contains(code));
    }

    [Theory]
    [InlineData("855332", "warfarin", "warfarin")] // warfarin sodium 5 MG Oral Tablet (Synthea)
    [InlineData("11289", "warfarin", "warfarin")] // IN
    [InlineData("1364445", "apixaban", "directOralAnticoagulant")] // apixaban 5 MG Oral Tablet
    [InlineData("1114198", "rivaroxaban", "directOralAnticoagulant")] // rivaroxaban 10 MG Oral Tablet
    [InlineData("1599551", "edoxaban", "directOralAnticoagulant")] // edoxaban 30 MG Oral Tablet
    [InlineData("1037045", "dabigatran", "directOralAnticoagulant")] // dabigatran etexilate 150 MG Oral Capsule
    [InlineData("854235", "enoxaparin", "lowMolecularWeightHeparin")] // 0.4 ML enoxaparin sodium 100 MG/ML Prefilled Syringe
    [InlineData("978725", "dalteparin", "lowMolecularWeightHeparin")] // 0.2 ML dalteparin sodium 12500 UNT/ML Prefilled Syringe
    [InlineData("308416", "aspirin", "aspirin")] // aspirin 81 MG Delayed Release Oral Tablet
    [InlineData("197604", "digoxin", "digoxin")] // digoxin 0.125 MG Oral Tablet (Synthea)
    [InlineData("197657", "estradiol", "estrogenContainingTherapy")] // estradiol 0.5 MG Oral Tablet
    [InlineData("197660", "estrogens, conjugated", "estrogenContainingTherapy")]
    [InlineData("1534809", "ethinyl estradiol", "estrogenContainingTherapy")] // ethinyl estradiol / norelgestromin patch (Synthea)
    [InlineData("1547545", "pembrolizumab", "pembrolizumab")] // IN only
    [InlineData("105694", "epoetin alfa", "erythropoiesisStimulatingAgent")] // IN only
    [InlineData("283838", "darbepoetin alfa", "erythropoiesisStimulatingAgent")] // IN only
    [InlineData("198211", "simvastatin", "statin")] // simvastatin 40 MG Oral Tablet
    [InlineData("312961", "simvastatin", "statin")] // simvastatin 20 MG Oral Tablet (Synthea)
    [InlineData("259255", "atorvastatin", "statin")]
    public void Known_codes_give_their_ingredient_and_snapshot_value(string code, string ingredient, string concomitant)
    {
        var ingredients = RxNormIngredients.Of(code);

        Assert.Contains(ingredient, ingredients);
        Assert.Equal(concomitant, RxNormIngredients.ConcomitantMedication(ingredient));
    }

    [Theory]
    [InlineData("1361226", "heparin")] // heparin sodium, porcine 1000 UNT/ML Injectable Solution
    [InlineData("861360", "fondaparinux")]
    [InlineData("10432", "thalidomide")]
    [InlineData("200390", "thalidomide")] // thalidomide 50 MG Oral Capsule
    public void Recognised_drugs_without_a_snapshot_value_are_known_but_give_none(string code, string ingredient)
    {
        Assert.Contains(ingredient, RxNormIngredients.Of(code));
        Assert.Null(RxNormIngredients.ConcomitantMedication(ingredient));
    }

    [Theory]
    [InlineData("197582", "dexamethasone", 4.0)] // dexamethasone 4 MG Oral Tablet
    [InlineData("197577", "dexamethasone", 0.5)]
    [InlineData("602910", "lenalidomide", 10.0)] // lenalidomide 10 MG Oral Capsule
    [InlineData("616114", "lenalidomide", 10.0)] // lenalidomide 10 MG Oral Capsule [Revlimid]
    [InlineData("643722", "lenalidomide", 25.0)]
    public void Single_ingredient_tablets_and_capsules_carry_their_strength(string code, string ingredient, double strengthMg)
    {
        var product = RxNormIngredients.Product(code);

        Assert.NotNull(product);
        Assert.Equal([ingredient], product.Ingredients);
        Assert.Equal(strengthMg, product.StrengthMg);
    }

    [Theory]
    [InlineData("238015")] // ethinyl estradiol 0.035 MG / norethindrone 0.4 MG Oral Tablet
    [InlineData("1534809")]
    public void Combined_contraceptives_are_marked_as_such(string code) =>
        Assert.Equal("combinedHormonalContraceptive", RxNormIngredients.ConcomitantMedication(code, "ethinyl estradiol"));

    [Theory]
    [InlineData("748961")] // {28 (norethindrone 0.35 MG Oral Tablet) } Pack — progestin only
    [InlineData("1000126")] // medroxyprogesterone acetate injection — progestin only
    [InlineData("309362")] // clopidogrel 75 MG Oral Tablet — not read
    [InlineData("751905")] // Trinessa 28 Day Pack (BPCK): in no published expansion reachable
    public void Codes_the_sources_leave_out_are_not_known(string code) =>
        Assert.False(RxNormIngredients.IsKnown(code));

    [Fact]
    public void The_lenalidomide_capsule_strengths_agree_with_the_verified_table()
    {
        foreach (var (code, strength) in RxNormCodes.Lenalidomide.Where(l => l.Value is not null))
        {
            Assert.Equal(strength, RxNormIngredients.Product(code)?.StrengthMg);
        }
    }
}
