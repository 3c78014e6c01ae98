namespace Lena.CdsHooks.Cards;

/// <summary>The <c>source</c> of every card: this service with the rule-set version, and the concern as topic.</summary>
public static class CardSources
{
    public const string Label = "LenaFunctions lenalidomide rules";

    public static CardSource For(CardConcern concern, string ruleSetVersion) => new(
        $"{Label} {ruleSetVersion}",
        Topic: new Coding(CardConcerns.TopicSystem, CardConcerns.Code(concern), CardConcerns.Display(concern)));
}
