import FaceEvents
import Foundation

/// A subscriber of the daemon's event socket (an ``EventSubscription``) read on its own thread: every line with
/// the moment it arrived, until the daemon closes the connection.
///
/// `@unchecked Sendable`: the subscription is used by the reading thread only; what it read is behind `lock`.
final class SubscriberRecorder: @unchecked Sendable {
    /// One line and the wall-clock time the reading thread had it.
    struct Arrival {
        let line: String
        let time: Date
    }

    let socketPath: String
    private let subscription: EventSubscription
    private let lock = NSLock()
    private var received: [Arrival] = []
    private var ending: String?
    private let ended = DispatchSemaphore(value: 0)

    /// Connects at once (so that the subscriber counts from the return of this initialiser), then reads on a
    /// thread of its own.
    init(socketPath: String) throws {
        self.socketPath = socketPath
        subscription = try EventSubscription(path: socketPath, readTimeout: .seconds(60))
        let thread = Thread { [self] in readUntilTheEnd() }
        thread.start()
    }

    var arrivals: [Arrival] { lock.withLock { received } }
    var lines: [String] { arrivals.map(\.line) }
    /// The bytes received: each line with its newline.
    var bytes: [UInt8] { lines.flatMap { Array($0.utf8) + [UInt8(ascii: "\n")] } }

    /// `end of stream` once the daemon closed the connection, or the error that ended the reading.
    var end: String? { lock.withLock { ending } }

    /// Waits until the connection has ended; false when it still runs after `seconds`.
    func waitForEnd(within seconds: Double) -> Bool {
        guard ended.wait(timeout: .now() + seconds) == .success else { return false }
        ended.signal()
        return true
    }

    private func readUntilTheEnd() {
        let how: String
        do {
            while let line = try subscription.nextLine() {
                let arrival = Arrival(line: line, time: Date())
                lock.withLock { received.append(arrival) }
            }
            how = "end of stream"
        } catch {
            how = "\(error)"
        }
        subscription.close()
        lock.withLock { ending = how }
        ended.signal()
    }
}
