using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace SlaLang.LanguageServer.Server;

/// <summary>
/// LSP base-protocol framing (<c>Content-Length</c> headers) for StreamJsonRpc that survives bad input:
/// a frame whose body is not JSON gets a JSON-RPC <c>ParseError</c>, a JSON body that is not a JSON-RPC
/// message gets <c>InvalidRequest</c> (with its id when it has one), and reading carries on with the next
/// frame. StreamJsonRpc's own handler would disconnect on either.
/// </summary>
public sealed class LspMessageHandler : IJsonRpcMessageHandler, IAsyncDisposable
{
    private const int MaxHeaderBytes = 16 * 1024;
    private const int MaxContentBytes = 256 * 1024 * 1024;
    private static readonly byte[] HeaderEnd = "\r\n\r\n"u8.ToArray();
    private static readonly byte[] LfHeaderEnd = "\n\n"u8.ToArray();
    private static readonly byte[] ContentLengthName = "content-length"u8.ToArray();

    private readonly Stream input;
    private readonly Stream output;
    private readonly SystemTextJsonFormatter formatter;
    private readonly SemaphoreSlim writeLock = new(1, 1);
    private readonly HashSet<RequestId> unanswered = [];
    private byte[] buffer = new byte[64 * 1024];
    private int bufferStart;
    private int bufferEnd;
    // After a header without a usable Content-Length, the body that followed has no known length: skip to the next header.
    private bool resynchronising;

    /// <summary>Frames messages read from <paramref name="input"/> and written to <paramref name="output"/>.</summary>
    public LspMessageHandler(Stream input, Stream output, SystemTextJsonFormatter formatter)
    {
        this.input = input;
        this.output = output;
        this.formatter = formatter;
    }

    /// <inheritdoc/>
    public bool CanRead => true;

    /// <inheritdoc/>
    public bool CanWrite => true;

    /// <inheritdoc/>
    public IJsonRpcMessageFormatter Formatter => formatter;

    /// <summary>Number of frames rejected as malformed so far.</summary>
    public int RejectedMessages { get; private set; }

    /// <inheritdoc/>
    public async ValueTask<JsonRpcMessage?> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var (headerLength, separatorLength) = await FillUntilHeaderEndAsync(cancellationToken).ConfigureAwait(false);
            if (headerLength < 0)
            {
                return null;
            }
            var header = Encoding.ASCII.GetString(buffer, bufferStart, headerLength);
            bufferStart += headerLength + separatorLength;
            var contentLength = ParseContentLength(header);
            if (contentLength is null)
            {
                resynchronising = true;
                await RejectAsync(JsonRpcErrorCode.ParseError, "Malformed header: a frame needs a 'Content-Length: N' header of at most 256 MiB.", RequestId.Null, cancellationToken).ConfigureAwait(false);
                continue;
            }
            var content = new byte[contentLength.Value];
            if (!await ReadExactlyAsync(content, cancellationToken).ConfigureAwait(false))
            {
                return null;
            }
            var message = TryDeserialize(content, out var errorCode, out var error, out var id);
            if (message is not null)
            {
                if (message is JsonRpcRequest { IsResponseExpected: true } request)
                {
                    lock (unanswered)
                    {
                        unanswered.Add(request.RequestId);
                    }
                }
                return message;
            }
            await RejectAsync(errorCode, error, id, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public async ValueTask WriteAsync(JsonRpcMessage jsonRpcMessage, CancellationToken cancellationToken)
    {
        var body = new ArrayBufferWriter<byte>();
        formatter.Serialize(body, jsonRpcMessage);
        await WriteFrameAsync(body.WrittenMemory, cancellationToken).ConfigureAwait(false);
        if (jsonRpcMessage is IJsonRpcMessageWithId { RequestId: var id } and (JsonRpcResult or JsonRpcError))
        {
            lock (unanswered)
            {
                unanswered.Remove(id);
            }
        }
    }

    /// <summary>Waits (at most <paramref name="timeout"/>) until every request read so far has been answered.</summary>
    public async Task WaitForResponsesAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            lock (unanswered)
            {
                if (unanswered.Count == 0)
                {
                    return;
                }
            }
            await Task.Delay(5).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await input.DisposeAsync().ConfigureAwait(false);
        await output.DisposeAsync().ConfigureAwait(false);
        writeLock.Dispose();
    }

    private JsonRpcMessage? TryDeserialize(byte[] content, out JsonRpcErrorCode errorCode, out string error, out RequestId id)
    {
        errorCode = JsonRpcErrorCode.ParseError;
        error = string.Empty;
        id = RequestId.Null;
        if (!System.Text.Unicode.Utf8.IsValid(content))
        {
            error = "Parse error: the message is not UTF-8 text.";
            return null;
        }
        try
        {
            using (var document = JsonDocument.Parse(content))
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    errorCode = JsonRpcErrorCode.InvalidRequest;
                    error = "Invalid request: a JSON-RPC message must be a JSON object.";
                    return null;
                }
                if (root.TryGetProperty("id", out var idElement))
                {
                    id = idElement.ValueKind switch
                    {
                        JsonValueKind.Number when idElement.TryGetInt64(out var n) => new RequestId(n),
                        JsonValueKind.String => new RequestId(idElement.GetString()),
                        _ => RequestId.Null,
                    };
                    if (idElement.ValueKind is not (JsonValueKind.Number or JsonValueKind.String or JsonValueKind.Null))
                    {
                        errorCode = JsonRpcErrorCode.InvalidRequest;
                        error = "Invalid request: 'id' must be a number or a string.";
                        return null;
                    }
                }
                var hasMethod = root.TryGetProperty("method", out var method) && method.ValueKind == JsonValueKind.String;
                var isResponse = root.TryGetProperty("result", out _) || root.TryGetProperty("error", out _);
                if (!hasMethod && !isResponse)
                {
                    errorCode = JsonRpcErrorCode.InvalidRequest;
                    error = "Invalid request: the message has neither a 'method' nor a 'result'/'error'.";
                    return null;
                }
            }
            // The formatter keeps a view on the buffer, so each message owns its own array.
            return formatter.Deserialize(new ReadOnlySequence<byte>(content));
        }
        catch (JsonException ex)
        {
            error = $"Parse error: the message is not valid JSON ({ex.Message}).";
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            errorCode = JsonRpcErrorCode.InvalidRequest;
            error = $"Invalid request: {ex.Message}";
            return null;
        }
    }

    private async Task RejectAsync(JsonRpcErrorCode code, string message, RequestId id, CancellationToken cancellationToken)
    {
        RejectedMessages++;
        var reply = new JsonRpcError
        {
            RequestId = id,
            Error = new JsonRpcError.ErrorDetail { Code = code, Message = message },
        };
        await WriteAsync(reply, cancellationToken).ConfigureAwait(false);
    }

    private async Task WriteFrameAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var header = Encoding.ASCII.GetBytes($"Content-Length: {body.Length.ToString(CultureInfo.InvariantCulture)}\r\n\r\n");
        await writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await output.WriteAsync(header, cancellationToken).ConfigureAwait(false);
            await output.WriteAsync(body, cancellationToken).ConfigureAwait(false);
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            writeLock.Release();
        }
    }

    private static int? ParseContentLength(string header)
    {
        foreach (var raw in header.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            var colon = line.IndexOf(':');
            if (colon > 0 && line.AsSpan(0, colon).Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(line.AsSpan(colon + 1).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var length)
                && length <= MaxContentBytes)
            {
                return length;
            }
        }
        return null;
    }

    /// <summary>
    /// Reads until the buffer holds a header end (<c>\r\n\r\n</c>, or <c>\n\n</c> from a client that writes bare line feeds);
    /// returns the header's length and the separator's, or (-1, 0) at end of input.
    /// </summary>
    private async Task<(int Header, int Separator)> FillUntilHeaderEndAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var pending = buffer.AsSpan(bufferStart, bufferEnd - bufferStart);
            if (resynchronising)
            {
                // Drop everything before the next "Content-Length" (the body of the rejected frame); keep a tail that may be its start.
                var next = IndexOfIgnoreCase(pending, ContentLengthName);
                if (next < 0)
                {
                    bufferStart = Math.Max(bufferStart, bufferEnd - ContentLengthName.Length + 1);
                    if (!await FillAsync(cancellationToken).ConfigureAwait(false))
                    {
                        return (-1, 0);
                    }
                    continue;
                }
                bufferStart += next;
                resynchronising = false;
                pending = buffer.AsSpan(bufferStart, bufferEnd - bufferStart);
            }
            var crlf = pending.IndexOf(HeaderEnd);
            var lf = pending.IndexOf(LfHeaderEnd);
            if (crlf >= 0 && (lf < 0 || crlf < lf))
            {
                return (crlf, HeaderEnd.Length);
            }
            if (lf >= 0)
            {
                return (lf, LfHeaderEnd.Length);
            }
            if (pending.Length > MaxHeaderBytes)
            {
                // No header end in sight: drop what we have (it is not a frame) and resynchronise.
                bufferStart = bufferEnd;
                resynchronising = true;
                await RejectAsync(JsonRpcErrorCode.ParseError, "Malformed header: no blank line after 16 KiB of header.", RequestId.Null, cancellationToken).ConfigureAwait(false);
            }
            if (!await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                return (-1, 0);
            }
        }
    }

    private static int IndexOfIgnoreCase(ReadOnlySpan<byte> text, ReadOnlySpan<byte> lowerCaseWord)
    {
        for (var i = 0; i + lowerCaseWord.Length <= text.Length; i++)
        {
            var match = true;
            for (var j = 0; j < lowerCaseWord.Length && match; j++)
            {
                match = (text[i + j] | 0x20) == lowerCaseWord[j]; // ASCII letters and '-' (0x2D already has the bit)
            }
            if (match)
            {
                return i;
            }
        }
        return -1;
    }

    private async Task<bool> ReadExactlyAsync(byte[] target, CancellationToken cancellationToken)
    {
        var copied = Math.Min(target.Length, bufferEnd - bufferStart);
        buffer.AsSpan(bufferStart, copied).CopyTo(target);
        bufferStart += copied;
        while (copied < target.Length)
        {
            var read = await input.ReadAsync(target.AsMemory(copied), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return false;
            }
            copied += read;
        }
        return true;
    }

    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (bufferStart > 0)
        {
            Buffer.BlockCopy(buffer, bufferStart, buffer, 0, bufferEnd - bufferStart);
            bufferEnd -= bufferStart;
            bufferStart = 0;
        }
        if (bufferEnd == buffer.Length)
        {
            Array.Resize(ref buffer, buffer.Length * 2);
        }
        var read = await input.ReadAsync(buffer.AsMemory(bufferEnd), cancellationToken).ConfigureAwait(false);
        bufferEnd += read;
        return read > 0;
    }
}
