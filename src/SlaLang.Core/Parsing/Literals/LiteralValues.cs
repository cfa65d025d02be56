using NodaTime;

namespace SlaLang.Parsing.Literals;

/// <summary>The value of a money literal: an exact amount and its ISO 4217 currency code.</summary>
public readonly record struct MoneyValue(decimal Amount, string Currency)
{
    /// <inheritdoc/>
    public override string ToString() => Amount.ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + Currency;
}

/// <summary>The value of a day-set literal (<c>mon-fri</c>, <c>sat</c>, <c>mon,wed,fri</c>): a set of ISO weekdays.</summary>
public readonly record struct DaySet(byte Mask)
{
    /// <summary>The set holding one day.</summary>
    public static DaySet Of(IsoDayOfWeek day) => new((byte)(1 << ((int)day - 1)));

    /// <summary>The days from <paramref name="first"/> to <paramref name="last"/> inclusive, wrapping past Sunday (<c>fri-mon</c>).</summary>
    public static DaySet Range(IsoDayOfWeek first, IsoDayOfWeek last)
    {
        var mask = 0;
        var day = (int)first;
        while (true)
        {
            mask |= 1 << (day - 1);
            if (day == (int)last)
            {
                return new DaySet((byte)mask);
            }
            day = day == 7 ? 1 : day + 1;
        }
    }

    /// <summary>The union of two sets.</summary>
    public DaySet Union(DaySet other) => new((byte)(Mask | other.Mask));

    /// <summary>Whether <paramref name="day"/> is in the set.</summary>
    public bool Contains(IsoDayOfWeek day) => day != IsoDayOfWeek.None && (Mask & (1 << ((int)day - 1))) != 0;

    /// <summary>The days of the set, Monday first.</summary>
    public IEnumerable<IsoDayOfWeek> Days
    {
        get
        {
            for (var d = 1; d <= 7; d++)
            {
                if ((Mask & (1 << (d - 1))) != 0)
                {
                    yield return (IsoDayOfWeek)d;
                }
            }
        }
    }

    /// <inheritdoc/>
    public override string ToString() => string.Join(",", Days.Select(d => d.ToString()[..3].ToLowerInvariant()));
}
