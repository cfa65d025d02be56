using System.Globalization;
using System.Text;
using System.Text.Json;
using Nerdbank.Streams;
using SlaLang.LanguageServer.Server;

namespace SlaLang.LanguageServer.Tests.Harness;

/// <summary>Byte-level access to a server, to send what no well-behaved client would.</summary>
internal sealed class RawLspConnection : IAsyncDisposable
{
    private readonly Stream stream;

    private RawLspConnection(SlaLanguageServer server, Stream stream)
    {
        Server = server;
        this.stream = stream;
    }

    /// <summary>The server under test.</summary>
    public SlaLanguageServer Server { get; }

    /// <summary>Starts a server with a raw connection to it.</summary>
    public static RawLspConnection Start(ServerOptions? options = null)
    {
        var (serverStream, clientStream) = FullDuplexStream.CreatePair();
        return new RawLspConnection(SlaLanguageServer.Start(serverStream, serverStream, options), clientStream);
    }

    /// <summary>Sends <paramref name="body"/> framed with a correct Content-Length.</summary>
    public Task SendAsync(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        return SendBytesAsync([.. Encoding.ASCII.GetBytes($"Content-Length: {bytes.Length}\r\n\r\n"), .. bytes]);
    }

    /// <summary>Sends raw bytes (headers included).</summary>
    public async Task SendBytesAsync(byte[] bytes)
    {
        await stream.WriteAsync(bytes);
        await stream.FlushAsync();
    }

    /// <summary>Reads the next framed message as JSON.</summary>
    public async Task<JsonElement> ReadAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var header = new StringBuilder();
        var one = new byte[1];
        while (!header.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one, timeout.Token) == 0)
            {
                throw new EndOfStreamException("The server closed the connection.");
            }
            header.Append((char)one[0]);
        }
        var length = int.Parse(header.ToString().Split(':')[1].Trim(), CultureInfo.InvariantCulture);
        var content = new byte[length];
        await stream.ReadExactlyAsync(content, timeout.Token);
        return JsonDocument.Parse(content).RootElement.Clone();
    }

    /// <summary>Sends a request and reads the next message (the test drives one request at a time).</summary>
    public async Task<JsonElement> RoundTripAsync(string body)
    {
        await SendAsync(body);
        return await ReadAsync();
    }

    /// <summary>Closes the client side.</summary>
    public async ValueTask DisposeAsync()
    {
        await stream.DisposeAsync();
        await Server.DisposeAsync();
    }
}
