using System;
using System.IO;
using Microsoft.Extensions.Logging;

namespace Xinji.Policy.Server;

/// <summary>ASP.NET Core's own warnings and errors, one line each, in the server log beside the service's lines.</summary>
internal sealed class ServerLogProvider : ILoggerProvider
{
    private readonly TextWriter _log;

    public ServerLogProvider(TextWriter log) => _log = log;

    public ILogger CreateLogger(string categoryName) => new Logger(_log, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger : ILogger
    {
        private readonly TextWriter _log;
        private readonly string _category;

        public Logger(TextWriter log, string category)
        {
            _log = log;
            _category = category;
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            // The exception's type and message, never its stack trace.
            var line = $"xinji-policy serve: {logLevel.ToString().ToLowerInvariant()}: {_category}: {formatter(state, exception)}"
                       + (exception is null ? string.Empty : $" ({exception.GetType().Name}: {exception.Message})");
            lock (_log)
            {
                _log.WriteLine(line.ReplaceLineEndings(" "));
                _log.Flush();
            }
        }
    }
}
