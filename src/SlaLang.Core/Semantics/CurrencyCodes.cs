namespace SlaLang.Semantics;

/// <summary>The active ISO 4217 currency codes (funds and precious metals excluded), with their minor-unit digits.</summary>
public static class CurrencyCodes
{
    private static readonly Dictionary<string, int> MinorDigits = Build();

    /// <summary>Whether <paramref name="code"/> is an active ISO 4217 code (upper case, e.g. <c>EUR</c>).</summary>
    public static bool IsKnown(string code) => MinorDigits.ContainsKey(code);

    /// <summary>The number of decimals of the currency's minor unit (2 for EUR, 0 for JPY, 3 for KWD); null for an unknown code.</summary>
    public static int? GetMinorDigits(string code) => MinorDigits.TryGetValue(code, out var digits) ? digits : null;

    /// <summary>Every known code, in alphabetical order.</summary>
    public static IEnumerable<string> All => MinorDigits.Keys.Order(StringComparer.Ordinal);

    private static Dictionary<string, int> Build()
    {
        const string two = "AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BRL BSD BTN BWP BYN BZD CAD CDF CHF CNY COP CRC CUP CZK " +
            "DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL " +
            "MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD " +
            "SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD UYU UZS VES WST XCD XCG YER ZAR ZMW ZWG";
        const string zero = "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX VND VUV XAF XOF XPF";
        const string three = "BHD IQD JOD KWD LYD OMR TND";
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (codes, digits) in new[] { (two, 2), (zero, 0), (three, 3) })
        {
            foreach (var code in codes.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                map[code] = digits;
            }
        }
        return map;
    }
}
