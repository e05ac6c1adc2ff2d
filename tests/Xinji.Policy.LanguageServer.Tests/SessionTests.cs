using System;
using System.IO;
using System.Threading.Tasks;
using Nerdbank.Streams;
using StreamJsonRpc;
using Xinji.Policy.LanguageServer.Protocol;

namespace Xinji.Policy.LanguageServer.Tests;

/// <summary>The server's JSON-RPC session over an in-memory duplex stream, with a StreamJsonRpc client.</summary>
public sealed class SessionTests
{
    [Fact]
    public async Task A_request_before_initialize_gets_server_not_initialized()
    {
        await using var session = Session.Start();

        var error = await Assert.ThrowsAsync<RemoteInvocationException>(() =>
            session.Client.InvokeWithParameterObjectAsync<object>("textDocument/hover", new { textDocument = new { uri = "file:///x.policy" }, position = new { line = 0, character = 0 } }));

        Assert.Equal(ErrorCodes.ServerNotInitialized, error.ErrorCode);
    }

    [Fact]
    public async Task Initialize_announces_incremental_sync_and_shutdown_then_exit_ends_with_zero()
    {
        await using var session = Session.Start();

        var result = await session.Client.InvokeWithParameterObjectAsync<System.Text.Json.JsonElement>("initialize", new { processId = (int?)null, capabilities = new { } });
        Assert.Equal(2, result.GetProperty("capabilities").GetProperty("textDocumentSync").GetProperty("change").GetInt32());
        Assert.Equal("xinji-policy", result.GetProperty("serverInfo").GetProperty("name").GetString());

        await session.Client.InvokeAsync<object>("shutdown");
        await session.Client.NotifyAsync("exit");
        Assert.Equal(0, await session.Server);
    }

    [Fact]
    public async Task A_request_for_a_document_the_server_does_not_know_is_answered_with_null()
    {
        await using var session = Session.Start();
        await session.Client.InvokeWithParameterObjectAsync<System.Text.Json.JsonElement>("initialize", new { processId = (int?)null, capabilities = new { } });

        var hover = await session.Client.InvokeWithParameterObjectAsync<object?>("textDocument/hover", new { textDocument = new { uri = "file:///nowhere/x.policy" }, position = new { line = 0, character = 0 } });

        Assert.Null(hover);
    }

    [Fact]
    public async Task The_server_ends_with_one_when_the_client_goes_away_without_shutdown()
    {
        var session = Session.Start();
        await session.DisposeAsync();

        Assert.Equal(1, await session.Server);
    }

    private sealed class Session : IAsyncDisposable
    {
        private readonly Stream _clientStream;

        private Session(Stream clientStream, JsonRpc client, Task<int> server)
        {
            _clientStream = clientStream;
            Client = client;
            Server = server;
        }

        public JsonRpc Client { get; }

        public Task<int> Server { get; }

        public static Session Start()
        {
            var (clientStream, serverStream) = FullDuplexStream.CreatePair();
            var server = PolicyLanguageServer.RunAsync(serverStream, serverStream, TextWriter.Null);
            var formatter = new SystemTextJsonFormatter { JsonSerializerOptions = ProtocolJson.Options };
            var client = new JsonRpc(new HeaderDelimitedMessageHandler(clientStream, clientStream, formatter));
            client.StartListening();
            return new Session(clientStream, client, server);
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await _clientStream.DisposeAsync();
        }
    }
}
