using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace SlaLang.Server;

/// <summary>What storing one batch gave: the sequence numbers of its lines, and whether the batch had been stored before (a
/// client resending a batch whose acknowledgement it did not get: nothing was stored again).</summary>
public readonly record struct Appended(long FirstSeq, int Count, bool Repeated);

/// <summary>
/// The durable log of a served contract's events: each accepted JSON line with its sequence number (1, 2, … per contract, the
/// line number <c>slac run</c> would give it in a file of the same lines), the batches already stored (by the client's
/// idempotency key), how far each tailed file was read, and the notifications delivered. A batch, its key and a tail's new offset
/// are stored in one transaction, committed before the batch is acknowledged: after a crash at any moment, every acknowledged
/// line is there, and no batch is there twice.
/// </summary>
public interface IEventStore : IDisposable
{
    /// <summary>The stored lines of <paramref name="contract"/> after sequence number <paramref name="after"/> (all of them by
    /// default), in sequence order.</summary>
    IEnumerable<string> Lines(string contract, long after = 0);

    /// <summary>Keeps <paramref name="data"/>, the state of <paramref name="contract"/>'s monitor after its first
    /// <paramref name="seq"/> lines, in place of the one kept before (a restart then replays only the lines after it).</summary>
    void SaveSnapshot(string contract, long seq, byte[] data);

    /// <summary>The snapshot <see cref="SaveSnapshot"/> kept last for <paramref name="contract"/>, or null.</summary>
    (long Seq, byte[] Data)? LoadSnapshot(string contract);

    /// <summary>Stores <paramref name="lines"/> for <paramref name="contract"/> after its last line, with the batch's
    /// <paramref name="batchKey"/> (when given: a key stored before returns that batch's numbers and stores nothing) and a tailed
    /// file's new <paramref name="tail"/> offset (when given), all in one transaction.</summary>
    Appended Append(string contract, IReadOnlyList<string> lines, string? batchKey = null, (string Path, long Offset)? tail = null);

    /// <summary>How far the file at <paramref name="path"/> was read (0 when never).</summary>
    long TailOffset(string path);

    /// <summary>The keys of the notifications delivered.</summary>
    IReadOnlySet<string> Delivered();

    /// <summary>Records that the notification <paramref name="key"/> was delivered.</summary>
    void MarkDelivered(string key);
}

/// <summary>The store named by <c>--state</c>: <c>sqlite:PATH</c> or <c>postgres:CONNECTION-STRING</c>.</summary>
public static class EventStores
{
    /// <summary>Opens (creating its tables when missing) the store <paramref name="state"/> names.</summary>
    /// <exception cref="ArgumentException">The text names no store kind this service knows.</exception>
    public static IEventStore Open(string state)
    {
        var (connection, dialect) = Connect(state);
        try
        {
            return new SqlEventStore(dialect, connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>An open connection to the database <paramref name="state"/> names, and its dialect. SQLite runs in WAL mode with
    /// full synchronisation: a committed transaction survives the process being killed and the machine losing power.</summary>
    internal static (DbConnection Connection, SqlEventStore.Dialect Dialect) Connect(string state)
    {
        var (connection, dialect) = Create(state);
        try
        {
            connection.Open();
            if (dialect == SqlEventStore.Dialect.Sqlite)
            {
                SqlEventStore.Execute(connection, "PRAGMA journal_mode=WAL");
                SqlEventStore.Execute(connection, "PRAGMA synchronous=FULL");
            }
            return (connection, dialect);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static (DbConnection Connection, SqlEventStore.Dialect Dialect) Create(string state)
    {
        if (state.StartsWith("sqlite:", StringComparison.Ordinal))
        {
            return (new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = state["sqlite:".Length..],
                Mode = SqliteOpenMode.ReadWriteCreate,
                Pooling = false,
                DefaultTimeout = 30,
            }.ToString()), SqlEventStore.Dialect.Sqlite);
        }
        if (state.StartsWith("postgres:", StringComparison.Ordinal))
        {
            return (new NpgsqlConnection(state["postgres:".Length..]), SqlEventStore.Dialect.Postgres);
        }
        throw new ArgumentException($"--state '{state}' names no store: use sqlite:PATH or postgres:CONNECTION-STRING.");
    }
}

/// <summary>
/// Keyed JSON documents with an etag in the same database as the event store (table <c>sla_grain_state</c>): the persistent state
/// of Orleans contract grains. Calls are serialised by the caller.
/// </summary>
internal sealed class SqlTable : IDisposable
{
    private readonly DbConnection _connection;

    internal SqlTable(string state)
    {
        (_connection, _) = EventStores.Connect(state);
        SqlEventStore.Execute(_connection, "CREATE TABLE IF NOT EXISTS sla_grain_state (state_name TEXT NOT NULL, grain_id TEXT NOT NULL, etag TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (state_name, grain_id))");
    }

    /// <summary>The document and its etag, or null.</summary>
    internal (string Data, string ETag)? Read(string stateName, string id)
    {
        using var command = SqlEventStore.Command(_connection, "SELECT data, etag FROM sla_grain_state WHERE state_name = @n AND grain_id = @i", ("@n", stateName), ("@i", id));
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetString(0), reader.GetString(1)) : null;
    }

    /// <summary>Writes the document when its stored etag is <paramref name="etag"/> (null: when there is none); returns the new
    /// etag, or null when the stored one differs (someone else wrote it).</summary>
    internal string? Write(string stateName, string id, string data, string? etag)
    {
        var next = Guid.NewGuid().ToString("N");
        using var command = etag is null
            ? SqlEventStore.Command(_connection, "INSERT INTO sla_grain_state (state_name, grain_id, etag, data) SELECT @n, @i, @e, @d WHERE NOT EXISTS (SELECT 1 FROM sla_grain_state WHERE state_name = @n AND grain_id = @i)",
                ("@n", stateName), ("@i", id), ("@e", next), ("@d", data))
            : SqlEventStore.Command(_connection, "UPDATE sla_grain_state SET etag = @e, data = @d WHERE state_name = @n AND grain_id = @i AND etag = @old",
                ("@n", stateName), ("@i", id), ("@e", next), ("@d", data), ("@old", etag));
        return command.ExecuteNonQuery() == 1 ? next : null;
    }

    public void Dispose() => _connection.Dispose();

    /// <summary>Removes the document.</summary>
    internal void Delete(string stateName, string id)
    {
        using var command = SqlEventStore.Command(_connection, "DELETE FROM sla_grain_state WHERE state_name = @n AND grain_id = @i", ("@n", stateName), ("@i", id));
        command.ExecuteNonQuery();
    }
}

/// <summary>The store on one SQL connection (SQLite, or PostgreSQL through Npgsql); calls are serialised by the caller.</summary>
internal sealed class SqlEventStore : IEventStore
{
    internal enum Dialect { Sqlite, Postgres }

    private readonly Dialect _dialect;
    private readonly DbConnection _connection;
    private readonly Dictionary<string, long> _last = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    /// <summary>The store on <paramref name="connection"/>, open and configured (<see cref="EventStores.Connect"/>); it creates its
    /// tables when missing and owns the connection from then on.</summary>
    internal SqlEventStore(Dialect dialect, DbConnection connection)
    {
        _dialect = dialect;
        _connection = connection;
        var integer = dialect == Dialect.Sqlite ? "INTEGER" : "BIGINT";
        Execute($"CREATE TABLE IF NOT EXISTS sla_events (contract TEXT NOT NULL, seq {integer} NOT NULL, line TEXT NOT NULL, PRIMARY KEY (contract, seq))");
        Execute($"CREATE TABLE IF NOT EXISTS sla_batches (contract TEXT NOT NULL, batch_key TEXT NOT NULL, first_seq {integer} NOT NULL, line_count {integer} NOT NULL, PRIMARY KEY (contract, batch_key))");
        Execute($"CREATE TABLE IF NOT EXISTS sla_tails (path TEXT NOT NULL PRIMARY KEY, read_to {integer} NOT NULL)");
        Execute("CREATE TABLE IF NOT EXISTS sla_deliveries (notification_key TEXT NOT NULL PRIMARY KEY)");
        Execute($"CREATE TABLE IF NOT EXISTS sla_snapshots (contract TEXT NOT NULL PRIMARY KEY, seq {integer} NOT NULL, data {(dialect == Dialect.Sqlite ? "BLOB" : "BYTEA")} NOT NULL)");
    }

    /// <summary>Lines read per query when replaying: a replay holds one page, not the whole log, in memory.</summary>
    internal const int ReplayPage = 10_000;

    public IEnumerable<string> Lines(string contract, long after = 0)
    {
        while (true)
        {
            var page = Page(contract, after);
            foreach (var (_, line) in page)
            {
                yield return line;
            }
            if (page.Count < ReplayPage)
            {
                yield break;
            }
            after = page[^1].Seq;
        }
    }

    public void SaveSnapshot(string contract, long seq, byte[] data)
    {
        lock (_gate)
        {
            using var command = Command("INSERT INTO sla_snapshots (contract, seq, data) VALUES (@c, @s, @d) "
                + "ON CONFLICT (contract) DO UPDATE SET seq = excluded.seq, data = excluded.data", ("@c", contract), ("@s", seq), ("@d", data));
            command.ExecuteNonQuery();
        }
    }

    public (long Seq, byte[] Data)? LoadSnapshot(string contract)
    {
        lock (_gate)
        {
            using var command = Command("SELECT seq, data FROM sla_snapshots WHERE contract = @c", ("@c", contract));
            using var reader = command.ExecuteReader();
            return reader.Read() ? (reader.GetInt64(0), (byte[])reader.GetValue(1)) : null;
        }
    }

    private List<(long Seq, string Line)> Page(string contract, long after)
    {
        lock (_gate)
        {
            using var command = Command($"SELECT seq, line FROM sla_events WHERE contract = @c AND seq > @after ORDER BY seq LIMIT {ReplayPage}",
                ("@c", contract), ("@after", after));
            using var reader = command.ExecuteReader();
            var lines = new List<(long, string)>(ReplayPage);
            while (reader.Read())
            {
                lines.Add((reader.GetInt64(0), reader.GetString(1)));
            }
            return lines;
        }
    }

    public Appended Append(string contract, IReadOnlyList<string> lines, string? batchKey = null, (string Path, long Offset)? tail = null)
    {
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            if (batchKey is not null)
            {
                using var find = Command("SELECT first_seq, line_count FROM sla_batches WHERE contract = @c AND batch_key = @k", ("@c", contract), ("@k", batchKey));
                find.Transaction = transaction;
                using var found = find.ExecuteReader();
                if (found.Read())
                {
                    return new Appended(found.GetInt64(0), (int)found.GetInt64(1), Repeated: true);
                }
            }
            var last = LastSeq(contract, transaction);
            using (var insert = Command("INSERT INTO sla_events (contract, seq, line) VALUES (@c, @s, @l)", ("@c", contract), ("@s", 0L), ("@l", "")))
            {
                insert.Transaction = transaction;
                insert.Prepare();
                var seq = last;
                foreach (var line in lines)
                {
                    insert.Parameters[1].Value = ++seq;
                    insert.Parameters[2].Value = line;
                    insert.ExecuteNonQuery();
                }
            }
            if (batchKey is not null)
            {
                using var record = Command("INSERT INTO sla_batches (contract, batch_key, first_seq, line_count) VALUES (@c, @k, @f, @n)",
                    ("@c", contract), ("@k", batchKey), ("@f", last + 1), ("@n", (long)lines.Count));
                record.Transaction = transaction;
                record.ExecuteNonQuery();
            }
            if (tail is { } t)
            {
                using var offset = Command("DELETE FROM sla_tails WHERE path = @p", ("@p", t.Path));
                offset.Transaction = transaction;
                offset.ExecuteNonQuery();
                using var set = Command("INSERT INTO sla_tails (path, read_to) VALUES (@p, @o)", ("@p", t.Path), ("@o", t.Offset));
                set.Transaction = transaction;
                set.ExecuteNonQuery();
            }
            transaction.Commit();
            _last[contract] = last + lines.Count;
            return new Appended(last + 1, lines.Count, Repeated: false);
        }
    }

    public long TailOffset(string path)
    {
        lock (_gate)
        {
            using var command = Command("SELECT read_to FROM sla_tails WHERE path = @p", ("@p", path));
            return command.ExecuteScalar() is { } value and not DBNull ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        }
    }

    public IReadOnlySet<string> Delivered()
    {
        lock (_gate)
        {
            using var command = Command("SELECT notification_key FROM sla_deliveries");
            using var reader = command.ExecuteReader();
            var keys = new HashSet<string>(StringComparer.Ordinal);
            while (reader.Read())
            {
                keys.Add(reader.GetString(0));
            }
            return keys;
        }
    }

    public void MarkDelivered(string key)
    {
        lock (_gate)
        {
            using var command = Command(_dialect == Dialect.Sqlite
                ? "INSERT OR IGNORE INTO sla_deliveries (notification_key) VALUES (@k)"
                : "INSERT INTO sla_deliveries (notification_key) VALUES (@k) ON CONFLICT DO NOTHING", ("@k", key));
            command.ExecuteNonQuery();
        }
    }

    public void Dispose()
    {
        _connection.Dispose();
    }

    private long LastSeq(string contract, DbTransaction transaction)
    {
        if (_last.TryGetValue(contract, out var last))
        {
            return last;
        }
        using var command = Command("SELECT MAX(seq) FROM sla_events WHERE contract = @c", ("@c", contract));
        command.Transaction = transaction;
        return command.ExecuteScalar() is { } value and not DBNull ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    private void Execute(string sql) => Execute(_connection, sql);

    private DbCommand Command(string sql, params (string Name, object Value)[] parameters) => Command(_connection, sql, parameters);

    internal static void Execute(DbConnection connection, string sql)
    {
        using var command = Command(connection, sql);
        command.ExecuteNonQuery();
    }

    internal static DbCommand Command(DbConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        return command;
    }
}
