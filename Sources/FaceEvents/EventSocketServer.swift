import Foundation
import Glibc

/// Broadcasts event lines to every client connected to a Unix stream socket (`facewatch subscribe` and
/// anything else that reads the socket).
///
/// - A subscriber receives every line published after it connected, in publish order, byte for byte the same
///   as every other subscriber. A connection counts from the moment connect(2) returned to the client: each
///   publish first accepts the connections waiting in the backlog.
/// - ``publish(_:)`` never waits for subscribers: it appends the line to each subscriber's buffer and returns.
///   A dedicated I/O thread writes the buffers through non-blocking sockets driven by poll(2). A subscriber
///   whose buffer would grow past ``Configuration/bufferLimit`` (it stopped reading) is disconnected, counted in
///   ``droppedSubscribers`` and named in one diagnostic; the others are not slowed down by it.
/// - Subscribers are read-only: what a client sends is read and discarded, and the first time it sends
///   anything it is named in one diagnostic. A client that disconnects is removed quietly.
///
/// Starting refuses a path where a live server answers or where something other than a socket lies; a socket
/// file left by a server that is gone is replaced. ``close(flushTimeout:)`` stops accepting, writes what is
/// buffered, closes every connection and removes the socket file.
///
/// `@unchecked Sendable`: the shared state lives in ``BroadcastCore`` behind its lock; `thread` is only
/// touched with `closeLock` held.
public final class EventSocketServer: EventSink, @unchecked Sendable {
    /// How the socket is created and how much it buffers.
    public struct Configuration: Sendable {
        /// Permissions of the socket file; clients need write permission to connect.
        public var fileMode: mode_t
        /// Bytes one subscriber may have waiting before it is disconnected.
        public var bufferLimit: Int
        /// Connections the kernel queues until they are accepted.
        public var backlog: Int32
        /// How long ``EventSocketServer/flush()`` and ``EventSocketServer/close()`` wait for buffers to drain.
        public var flushTimeout: Duration

        public init(
            fileMode: mode_t = 0o660, bufferLimit: Int = 1 << 20, backlog: Int32 = 64,
            flushTimeout: Duration = .seconds(1)
        ) {
            self.fileMode = fileMode
            self.bufferLimit = bufferLimit
            self.backlog = backlog
            self.flushTimeout = flushTimeout
        }
    }

    public let path: String
    public let configuration: Configuration
    private let core: BroadcastCore
    private let closeLock = NSLock()
    private var thread: pthread_t?

    /// Creates the socket at `path`, listens, and starts the I/O thread. `diagnostics` hears, one line at a
    /// time and from the I/O thread, of subscribers dropped, unexpected input and the like.
    public init(
        path: String, configuration: Configuration = Configuration(),
        diagnostics: @escaping EventDiagnostics = standardErrorDiagnostics
    ) throws(EventSocketError) {
        self.path = path
        self.configuration = configuration
        let listening = try ListeningSocket.claim(
            path, mode: configuration.fileMode, backlog: configuration.backlog, diagnostics: diagnostics)
        do {
            core = try BroadcastCore(
                listening: listening, bufferLimit: configuration.bufferLimit, diagnostics: diagnostics)
        } catch {
            listening.close()
            throw error
        }

        var thread = pthread_t()
        let context = Unmanaged.passRetained(core).toOpaque()
        let started = pthread_create(&thread, nil, { context in
            let core = Unmanaged<BroadcastCore>.fromOpaque(context!).takeRetainedValue()
            core.runIOLoop()
            return nil
        }, context)
        guard started == 0 else {
            Unmanaged<BroadcastCore>.fromOpaque(context).release()
            listening.close()
            core.closeWakeUpPipe()
            throw .cannotStartThread(path: path, errorNumber: started)
        }
        self.thread = thread
    }

    deinit {
        close(flushTimeout: .zero)
    }

    /// Queues `line` (a JSON object without newline; the newline is added) for every subscriber and returns
    /// without waiting for any of them.
    public func publish(_ line: String) throws(EventSinkError) {
        var bytes = Array(line.utf8)
        bytes.append(UInt8(ascii: "\n"))
        try core.publish(bytes)
    }

    /// Subscribers connected now, the ones waiting in the backlog included. A disconnect is noticed by the I/O
    /// thread shortly after it happens.
    public var subscriberCount: Int {
        core.condition.lock()
        defer { core.condition.unlock() }
        if !core.state.isClosing { core.acceptPendingLocked() }
        return core.state.subscribers.count
    }

    /// Subscribers disconnected because they stopped reading.
    public var droppedSubscribers: Int {
        core.condition.lock()
        defer { core.condition.unlock() }
        return core.state.droppedSubscribers
    }

    /// Waits until every line published so far was handed to every live subscriber's socket; false when
    /// `timeout` ran out first.
    @discardableResult
    public func flush(timeout: Duration) -> Bool {
        core.waitUntilDrained(timeout: timeout)
    }

    /// ``flush(timeout:)`` with ``Configuration/flushTimeout``.
    public func flush() {
        flush(timeout: configuration.flushTimeout)
    }

    /// Stops accepting (the socket file is removed at once), writes what is buffered to every live subscriber
    /// for at most `flushTimeout`, then closes every connection. Returns when the I/O thread has ended; later
    /// calls return at once.
    public func close(flushTimeout: Duration) {
        closeLock.lock()
        defer { closeLock.unlock() }
        guard let running = thread else { return }
        thread = nil
        core.beginClosing(flushTimeout: flushTimeout)
        pthread_join(running, nil)
    }

    /// ``close(flushTimeout:)`` with ``Configuration/flushTimeout``.
    public func close() {
        close(flushTimeout: configuration.flushTimeout)
    }
}
