using NodaTime.Text;
using SlaLang.Generated;
using SlaLang.Runtime;

// The monitors below are generated at build from the .sla files this project lists as AdditionalFiles.
// Usage: SlaLang.Sample novaterra|belleplace EVENTS.jsonl AS-OF   (AS-OF: an instant with its offset, e.g. 2026-04-01T00:00:00+02:00)
if (args.Length != 3)
{
    Console.Error.WriteLine("usage: SlaLang.Sample novaterra|belleplace EVENTS.jsonl AS-OF");
    return 2;
}
ContractMonitor monitor = args[0] switch
{
    "novaterra" => new NovaTerraRunMonitor(),
    "belleplace" => new BellePlaceDigitalMonitor(),
    _ => throw new ArgumentException($"unknown contract '{args[0]}'"),
};
var errors = 0;
monitor.ObserveAll(EventReader.ReadFile(args[1], error =>
{
    errors++;
    Console.Error.WriteLine(error);
}));
var asOf = OffsetDateTimePattern.ExtendedIso.Parse(args[2]).GetValueOrThrow().ToInstant();
Console.WriteLine(ReportJsonWriter.ToJson(monitor.Report(asOf)));
return errors == 0 ? 0 : 1;
