using System.Threading.Channels;
using WealthActors.Employees;

namespace WealthActors.Bot.Channels.WebChat;

/// <summary>
/// Fans inbox pushes out to the web console's open streams, per employee. Each stream has a small bounded buffer
/// that drops its oldest entries when a browser reads too slowly: the page re-reads the inbox anyway, so a lost
/// push only delays what it shows. Thread-safe.
/// </summary>
public sealed class WebChatInboxHub : IInboxPushChannel
{
    private const int BufferPerStream = 64;

    private readonly Dictionary<string, List<Channel<InboxPush>>> _streams = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public bool TryPush(InboxPush push)
    {
        ArgumentNullException.ThrowIfNull(push);
        Channel<InboxPush>[] targets;
        lock (_lock)
        {
            if (!_streams.TryGetValue(push.EmployeeId, out var list))
            {
                return false;
            }

            targets = [.. list];
        }

        foreach (var stream in targets)
        {
            stream.Writer.TryWrite(push);
        }

        return targets.Length > 0;
    }

    /// <summary>Opens a stream of one employee's pushes; dispose the subscription to close it.</summary>
    public Subscription Subscribe(string employeeId)
    {
        var channel = Channel.CreateBounded<InboxPush>(new BoundedChannelOptions(BufferPerStream)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        lock (_lock)
        {
            if (!_streams.TryGetValue(employeeId, out var list))
            {
                _streams[employeeId] = list = [];
            }

            list.Add(channel);
        }

        return new Subscription(this, employeeId, channel);
    }

    public int StreamCount(string employeeId)
    {
        lock (_lock)
        {
            return _streams.TryGetValue(employeeId, out var list) ? list.Count : 0;
        }
    }

    private void Unsubscribe(string employeeId, Channel<InboxPush> channel)
    {
        lock (_lock)
        {
            if (_streams.TryGetValue(employeeId, out var list) && list.Remove(channel) && list.Count == 0)
            {
                _streams.Remove(employeeId);
            }
        }

        channel.Writer.TryComplete();
    }

    public sealed class Subscription : IDisposable
    {
        private readonly WebChatInboxHub _hub;
        private readonly string _employeeId;
        private readonly Channel<InboxPush> _channel;
        private int _disposed;

        internal Subscription(WebChatInboxHub hub, string employeeId, Channel<InboxPush> channel)
        {
            _hub = hub;
            _employeeId = employeeId;
            _channel = channel;
        }

        public ChannelReader<InboxPush> Reader => _channel.Reader;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                _hub.Unsubscribe(_employeeId, _channel);
            }
        }
    }
}
