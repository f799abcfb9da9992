import Glibc

/// A client of the daemon's event socket: connects to it and reads the event lines as they come.
///
/// ``nextLine()`` blocks until a whole line arrived and returns it without its newline, or nil once the server
/// closed the connection. ``lines`` iterates the same lines. Use one subscription from one thread at a time.
public final class EventSubscription {
    public let path: String
    /// The read error that ended ``lines``, if one did.
    public private(set) var failure: EventSubscriptionError?
    private var descriptor: Int32
    private let readTimeout: Duration?
    /// Received bytes live in `storage[lineStart..<filled]`; `storage[lineStart..<scannedUpTo]` has no newline.
    private var storage = [UInt8](repeating: 0, count: 64 * 1024)
    private var lineStart = 0
    private var scannedUpTo = 0
    private var filled = 0
    private var reachedEnd = false

    /// Connects to the socket at `path`. With a `readTimeout`, ``nextLine()`` throws
    /// ``EventSubscriptionError/timedOut(path:seconds:)`` when no data arrives for that long.
    public init(path: String, readTimeout: Duration? = nil) throws(EventSubscriptionError) {
        self.path = path
        self.readTimeout = readTimeout
        let descriptor = POSIX.unixStreamSocket()
        guard descriptor >= 0 else { throw .cannotConnect(path: path, errorNumber: errno) }
        var connected: Int32
        repeat {
            guard let result = POSIX.withUnixAddress(path, { address, length in connect(descriptor, address, length) })
            else {
                Glibc.close(descriptor)
                throw .pathTooLong(path: path, limit: POSIX.socketPathCapacity - 1)
            }
            connected = result
        } while connected != 0 && errno == EINTR
        guard connected == 0 else {
            let failure = errno
            Glibc.close(descriptor)
            throw .cannotConnect(path: path, errorNumber: failure)
        }
        if let readTimeout {
            let seconds = readTimeout.seconds
            var interval = timeval(
                tv_sec: Int(seconds), tv_usec: Int((seconds - seconds.rounded(.towardZero)) * 1_000_000))
            if interval.tv_sec == 0, interval.tv_usec == 0 { interval.tv_usec = 1 }
            _ = setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &interval, socklen_t(MemoryLayout<timeval>.size))
        }
        self.descriptor = descriptor
    }

    deinit {
        if descriptor >= 0 { Glibc.close(descriptor) }
    }

    /// The next line without its newline; nil when the server closed the connection after a whole line.
    /// A connection that ends in the middle of a line throws ``EventSubscriptionError/endedMidLine(path:byteCount:)``.
    public func nextLine() throws(EventSubscriptionError) -> String? {
        guard descriptor >= 0 else { throw .closed(path: path) }
        while true {
            if let newline = firstNewline() {
                let line = String(decoding: storage[lineStart..<newline], as: UTF8.self)
                lineStart = newline + 1
                scannedUpTo = lineStart
                return line
            }
            scannedUpTo = filled
            if reachedEnd {
                guard lineStart == filled else {
                    let fragment = filled - lineStart
                    lineStart = filled
                    throw .endedMidLine(path: path, byteCount: fragment)
                }
                return nil
            }
            try readMore()
        }
    }

    /// The lines until the server closes the connection. A read error ends the sequence too and is kept in
    /// ``failure``.
    public var lines: Lines { Lines(subscription: self) }

    /// Iterates ``EventSubscription/nextLine()``.
    public struct Lines: Sequence, IteratorProtocol {
        let subscription: EventSubscription

        public mutating func next() -> String? {
            do {
                return try subscription.nextLine()
            } catch {
                subscription.failure = error
                return nil
            }
        }
    }

    /// Disconnects; a later ``nextLine()`` throws ``EventSubscriptionError/closed(path:)``.
    public func close() {
        guard descriptor >= 0 else { return }
        Glibc.close(descriptor)
        descriptor = -1
    }

    private func firstNewline() -> Int? {
        guard scannedUpTo < filled else { return nil }
        return storage.withUnsafeBytes { bytes -> Int? in
            let start = bytes.baseAddress! + scannedUpTo
            guard let found = memchr(start, Int32(UInt8(ascii: "\n")), filled - scannedUpTo) else { return nil }
            return scannedUpTo + (UnsafeRawPointer(found) - start)
        }
    }

    private func readMore() throws(EventSubscriptionError) {
        guard descriptor >= 0 else { throw .closed(path: path) }
        makeRoom()
        while true {
            let count = storage.withUnsafeMutableBytes { bytes in
                recv(descriptor, bytes.baseAddress! + filled, bytes.count - filled, 0)
            }
            if count >= 0 {
                filled += count
                if count == 0 { reachedEnd = true }
                return
            }
            let failure = errno
            switch failure {
            case EINTR:
                continue
            case EAGAIN, EWOULDBLOCK:
                var seconds = 0.0
                if let readTimeout { seconds = readTimeout.seconds }
                throw .timedOut(path: path, seconds: seconds)
            case ECONNRESET:
                reachedEnd = true
                return
            default:
                throw .readFailed(path: path, errorNumber: failure)
            }
        }
    }

    /// Moves the unfinished line to the front of the storage, and doubles the storage when that line fills it.
    private func makeRoom() {
        if lineStart > 0 {
            let unfinished = filled - lineStart
            storage.withUnsafeMutableBytes { bytes in
                _ = memmove(bytes.baseAddress!, bytes.baseAddress! + lineStart, unfinished)
            }
            scannedUpTo -= lineStart
            filled = unfinished
            lineStart = 0
        }
        if filled == storage.count {
            storage.append(contentsOf: repeatElement(0, count: storage.count))
        }
    }
}
