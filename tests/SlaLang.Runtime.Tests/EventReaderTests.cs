using NodaTime;
using static SlaLang.Runtime.Tests.TestTime;

namespace SlaLang.Runtime.Tests;

public class EventReaderTests
{
    private static (List<SlaEvent> Events, List<EventReadError> Errors) ReadJsonl(string text)
    {
        var errors = new List<EventReadError>();
        var events = EventReader.ReadJsonLines(new StringReader(text), errors.Add).ToList();
        return (events, errors);
    }

    private static (List<SlaEvent> Events, List<EventReadError> Errors) ReadCsv(string text)
    {
        var errors = new List<EventReadError>();
        var events = EventReader.ReadCsv(new StringReader(text), errors.Add).ToList();
        return (events, errors);
    }

    [Fact]
    public void Json_lines_keep_the_offset_and_all_fields()
    {
        var (events, errors) = ReadJsonl("""
            {"kind":"incident_opened","time":"2026-03-02T10:00:00+01:00","service":"S","id":"INC-1","severity":"sev1","extra":[1,2]}
            {"kind":"requests","time":"2026-03-02T10:00:00Z","service":"S","good":990,"total":1000}
            {"kind":"survey","time":"2026-03-02T10:00:00.5-05:00","service":"S","score":4.5}
            {"kind":"change","time":"2026-03-02T12:00:00+01:00","service":"S","id":"CH-1","requested":"2026-03-01T09:00:00+01:00"}
            {"kind":"fulfilled","time":"2026-03-02T12:00:00+01:00","name":"security.audit"}
            """);
        errors.ShouldBeEmpty();
        events[0].ShouldBe(SlaEvent.IncidentOpened(T("2026-03-02T10:00:00+01:00"), "S", "INC-1", "sev1"));
        events[0].Time.Offset.Seconds.ShouldBe(3600);
        events[1].ShouldBe(SlaEvent.RequestsSample(T("2026-03-02T10:00:00Z"), "S", 990, 1000));
        events[2].Score.ShouldBe(4.5m);
        events[2].Time.ShouldBe(T("2026-03-02T10:00:00.5-05:00"));
        events[3].Requested.ShouldBe(T("2026-03-01T09:00:00+01:00"));
        events[4].Name.ShouldBe("security.audit");
    }

    [Fact]
    public void Timestamps_may_omit_seconds_and_carry_a_fraction_but_need_an_offset()
    {
        // LANGUAGE.md §6: seconds and a decimal fraction are optional; a timestamp without offset is a located error.
        var (events, errors) = ReadJsonl("""
            {"kind":"outage_start","time":"2026-05-20T10:00+02:00","service":"S","id":"O1"}
            {"kind":"outage_end","time":"2026-05-20T10:00:00.125Z","service":"S","id":"O1"}
            {"kind":"outage_end","time":"2026-05-20T10:30Z","service":"S","id":"O2"}
            {"kind":"outage_start","time":"2026-05-20T10:00:00","service":"S","id":"O3"}
            {"kind":"outage_start","time":"2026-05-20T10:00","service":"S","id":"O4"}
            {"kind":"outage_start","time":"2026-05-20","service":"S","id":"O5"}
            """);
        events.Select(e => e.Time).ShouldBe([T("2026-05-20T10:00:00+02:00"), T("2026-05-20T10:00:00.125Z"), T("2026-05-20T10:30:00Z")]);
        errors.ShouldBe([
            new EventReadError(4, "field 'time': '2026-05-20T10:00:00' has no offset; add Z or ±hh:mm (e.g. 2026-05-20T10:00:00+01:00)"),
            new EventReadError(5, "field 'time': '2026-05-20T10:00' has no offset; add Z or ±hh:mm (e.g. 2026-05-20T10:00+01:00)"),
            new EventReadError(6, "field 'time': '2026-05-20' is not an ISO 8601 timestamp with an offset (e.g. 2026-01-05T08:30:00+01:00)"),
        ]);
        // The same forms in CSV, and as 'requested'.
        var (csv, csvErrors) = ReadCsv("kind,time,service,id,requested\nchange,2026-05-20T10:00+02:00,S,C1,2026-05-19T09:15:30.5+02:00\n");
        csvErrors.ShouldBeEmpty();
        (csv.Single().Time, csv.Single().Requested).ShouldBe((T("2026-05-20T10:00:00+02:00"), (OffsetDateTime?)T("2026-05-19T09:15:30.5+02:00")));
    }

    [Fact]
    public void A_number_written_as_a_json_string_is_a_located_error()
    {
        // LANGUAGE.md §6: numbers are JSON numbers; "good": "10" is an error, not a number. CSV cells are text by nature.
        var (events, errors) = ReadJsonl("""
            {"kind":"requests","time":"2026-03-02T10:00:00Z","service":"S","good":"10","total":20}
            {"kind":"requests","time":"2026-03-02T10:00:00Z","service":"S","good":10,"total":"20"}
            {"kind":"survey","time":"2026-03-02T10:00:00Z","service":"S","score":"4.5"}
            {"kind":"requests","time":"2026-03-02T10:00:00Z","service":"S","good":10,"total":20}
            """);
        events.ShouldBe([SlaEvent.RequestsSample(T("2026-03-02T10:00:00Z"), "S", 10, 20)]);
        errors.ShouldBe([
            new EventReadError(1, "field 'good': \"10\" is a string, not a number (write good without quotes)"),
            new EventReadError(2, "field 'total': \"20\" is a string, not a number (write total without quotes)"),
            new EventReadError(3, "field 'score': \"4.5\" is a string, not a number (write score without quotes)"),
        ]);
        ReadCsv("kind,time,service,good,total\nrequests,2026-03-02T10:00:00Z,S,10,20\n").Events.ShouldHaveSingleItem().Good.ShouldBe(10);
    }

    [Fact]
    public void A_change_says_whether_it_failed_with_a_json_boolean_or_a_csv_true_or_false()
    {
        var (events, errors) = ReadJsonl("""
            {"kind":"change","time":"2026-03-02T12:00:00Z","service":"S","id":"CH-1","requested":"2026-03-01T09:00:00Z","failed":true}
            {"kind":"change","time":"2026-03-02T12:00:00Z","service":"S","id":"CH-2","requested":"2026-03-01T09:00:00Z","failed":false}
            {"kind":"change","time":"2026-03-02T12:00:00Z","service":"S","id":"CH-3","requested":"2026-03-01T09:00:00Z"}
            {"kind":"change","time":"2026-03-02T12:00:00Z","service":"S","id":"CH-4","requested":"2026-03-01T09:00:00Z","failed":1}
            {"kind":"change","time":"2026-03-02T12:00:00Z","service":"S","id":"CH-5","requested":"2026-03-01T09:00:00Z","failed":"yes"}
            """);
        events.Select(e => (e.Id, e.Failed)).ShouldBe([("CH-1", true), ("CH-2", false), ("CH-3", false)]);
        errors.Select(e => e.ToString()).ShouldBe([
            "line 4: field 'failed': '1' is not true or false",
            "line 5: field 'failed': 'yes' is not true or false",
        ]);
        var (csv, csvErrors) = ReadCsv("kind,time,service,id,requested,failed\nchange,2026-03-02T12:00:00Z,S,CH-1,2026-03-01T09:00:00Z,true\nchange,2026-03-02T12:00:00Z,S,CH-2,2026-03-01T09:00:00Z,\n");
        csvErrors.ShouldBeEmpty();
        csv.Select(e => (e.Id, e.Failed)).ShouldBe([("CH-1", true), ("CH-2", false)]);
    }

    [Fact]
    public void Malformed_json_lines_are_reported_with_their_line_number_and_the_rest_is_read()
    {
        var (events, errors) = ReadJsonl(
            "{\"kind\":\"outage_start\",\"time\":\"2026-03-02T10:00:00+01:00\",\"service\":\"S\",\"id\":\"O1\"}\n" +
            "{\"kind\":\"outage_start\",\"time\":\"2026-03-02T10:00:00\",\"service\":\"S\",\"id\":\"O2\"}\n" +   // no offset
            "\n" +
            "{\"kind\":\"teleport\",\"time\":\"2026-03-02T10:00:00+01:00\"}\n" +
            "{\"kind\":\"requests\",\"time\":\"2026-03-02T10:00:00+01:00\",\"service\":\"S\",\"good\":11,\"total\":10}\n" +
            "{\"kind\":\"incident_resolved\",\"time\":\"2026-03-02T10:00:00+01:00\"}\n" +
            "{not json\n" +
            "{\"kind\":\"outage_end\",\"time\":\"2026-03-02T11:00:00+01:00\",\"service\":\"S\",\"id\":\"O1\"}\n");
        events.Select(e => e.Kind).ShouldBe([EventKind.OutageStart, EventKind.OutageEnd]);
        errors.Select(e => e.Line).ShouldBe([2, 4, 5, 6, 7]);
        errors[0].Message.ShouldBe("field 'time': '2026-03-02T10:00:00' has no offset; add Z or ±hh:mm (e.g. 2026-03-02T10:00:00+01:00)");
        errors[1].Message.ShouldStartWith("unknown kind 'teleport'");
        errors[2].Message.ShouldBe("'good' (11) must not exceed 'total' (10)");
        errors[3].Message.ShouldBe("kind 'incident_resolved' requires field 'id'");
        errors[4].Message.ShouldBe("invalid JSON: 'n' is an invalid start of a property name. Expected a '\"'. (column 2)");
        errors[0].ToString().ShouldStartWith("line 2: ");
    }

    [Fact]
    public void Invalid_json_names_the_character_column_not_the_byte()
    {
        // "é" and "😀" are 2 and 4 bytes but 1 and 2 UTF-16 units: the stray x is at column 22 (byte 25).
        var (_, errors) = ReadJsonl("{\"name\":\"é😀\",\"kind\":x}\n");
        errors.ShouldBe([new EventReadError(1, "invalid JSON: 'x' is an invalid start of a value. (column 22)")]);
    }

    [Fact]
    public void An_unpaired_surrogate_escape_is_a_located_error_in_a_known_field_and_ignored_in_an_unknown_one()
    {
        var (events, errors) = ReadJsonl(
            "{\"kind\":\"fulfilled\",\"time\":\"2026-03-02T10:00:00Z\",\"name\":\"R\\ud800\"}\n" +
            "{\"kind\":\"fulfilled\",\"time\":\"2026-03-02T10:00:00Z\",\"name\":\"S\",\"note\":\"\\udc00z\"}\n" +
            "{\"kind\":\"fulfilled\",\"time\":\"2026-03-02T10:00:00Z\",\"\\ud83d\":1,\"name\":\"T\"}\n" +
            "{\"kind\":\"fulfilled\",\"time\":\"2026-03-02T10:00:00Z\",\"name\":\"\\ud83d\\ude00\"}\n");
        errors.ShouldBe(
        [
            new EventReadError(1, "invalid JSON: a \\u escape is an unpaired UTF-16 surrogate (\\uD800-\\uDFFF)"),
            new EventReadError(3, "invalid JSON: a \\u escape is an unpaired UTF-16 surrogate (\\uD800-\\uDFFF)"),
        ]);
        events.Select(e => e.Name).ShouldBe(["S", "\U0001F600"]);
    }

    [Fact]
    public void Csv_reads_header_named_columns_quoted_fields_and_empty_cells()
    {
        var (events, errors) = ReadCsv(
            "time,kind,service,id,severity,name\n" +
            "2026-03-02T10:00:00+01:00,incident_opened,\"Plant \"\"A\"\", north\",INC-1,sev1,\n" +
            "2026-03-02T11:00:00+01:00,incident_resolved,,INC-1,,\n" +
            "2026-03-02T11:00:00+01:00,fulfilled,,,,\"Monthly, report\"\n");
        errors.ShouldBeEmpty();
        events.Count.ShouldBe(3);
        events[0].Service.ShouldBe("Plant \"A\", north");
        events[1].ShouldBe(SlaEvent.IncidentResolved(T("2026-03-02T11:00:00+01:00"), "INC-1"));
        events[2].Name.ShouldBe("Monthly, report");
    }

    [Fact]
    public void Csv_errors_name_the_line_and_keep_the_other_rows()
    {
        var (events, errors) = ReadCsv(
            "kind,time,service,good,total\n" +
            "requests,2026-03-02T10:00:00+01:00,S,5,10\n" +
            "requests,2026-03-02T10:00:00+01:00,S,5\n" +
            "requests,2026-03-02T10:00:00+01:00,\"S,5,10\n" +
            "requests,2026-03-02T10:00:00+01:00,S,five,10\n" +
            "requests,2026-03-02T11:00:00+01:00,S,6,10\n");
        events.Select(e => e.Good).ShouldBe([5L, 6L]);
        errors.ShouldBe(
        [
            new EventReadError(3, "expected 5 fields as in the header, found 4"),
            new EventReadError(4, "unterminated quoted field"),
            new EventReadError(5, "field 'good': 'five' is not a non-negative whole number"),
        ]);
    }

    [Fact]
    public void Csv_without_kind_and_time_columns_is_rejected_at_line_1()
    {
        var (events, errors) = ReadCsv("when,what\n2026-03-02T10:00:00+01:00,x\n");
        events.ShouldBeEmpty();
        errors.ShouldBe([new EventReadError(1, "the CSV header must name the columns 'kind' and 'time'")]);
    }

    [Fact]
    public void A_byte_order_mark_before_the_first_line_is_ignored()
    {
        ReadJsonl("\uFEFF{\"kind\":\"fulfilled\",\"time\":\"2026-03-02T10:00:00Z\",\"name\":\"R\"}\n").Errors.ShouldBeEmpty();
        var (events, errors) = ReadCsv("\uFEFFkind,time,name\nfulfilled,2026-03-02T10:00:00Z,R\n");
        errors.ShouldBeEmpty();
        events.ShouldHaveSingleItem().Name.ShouldBe("R");
    }

    [Fact]
    public void Timestamps_outside_the_supported_years_are_rejected_and_ignored_by_monitors()
    {
        var (events, errors) = ReadJsonl("{\"kind\":\"fulfilled\",\"time\":\"9999-12-31T23:00:00+00:00\",\"name\":\"R\"}\n");
        events.ShouldBeEmpty();
        errors.ShouldBe([new EventReadError(1, "timestamps must lie between the years 1900 and 2999")]);
        // Past NodaTime's own range once converted to UTC: a located error too, never an OverflowException.
        var (far, farErrors) = ReadJsonl("""
            {"kind":"outage_start","time":"9999-12-31T23:59:59-14:00","service":"S","id":"O"}
            {"kind":"change","time":"2026-01-01T00:00:00Z","service":"S","id":"C","requested":"-9998-01-01T00:00:00+14:00"}
            {"kind":"outage_start","time":"2026-01-01T00:00:00Z","service":"S","id":"O"}
            """);
        far.ShouldHaveSingleItem();
        farErrors.ShouldBe([new EventReadError(1, SlaEvent.UnsupportedYears), new EventReadError(2, SlaEvent.UnsupportedYears)]);
        // Given directly to a monitor, such an event is ignored instead of breaking calendar arithmetic later.
        var m = new ContractMonitor("C", "Europe/Paris", new NodaTime.LocalDate(2026, 1, 1), new NodaTime.LocalDate(2026, 12, 31), "EUR");
        m.Add(new Escalation("E", null, m.Always, [new EscalationLevel(1, NodaTime.Duration.FromHours(1), ["X"])]));
        m.Observe(SlaEvent.IncidentOpened(T("9999-12-31T00:00:00Z"), "S", "I", "sev1"));
        m.Facts.IncidentCount.ShouldBe(0);
    }
}
