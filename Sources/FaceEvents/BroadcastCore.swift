import Foundation
import Glibc

/// The engine of an ``EventSocketServer``: the state publishers and the I/O thread share, the lock that
/// guards it, and the descriptors the I/O thread owns.
///
/// `@unchecked Sendable`: `state` is only read or changed with `condition` locked; the other stored
/// properties are constants. Only the I/O thread closes descriptors (the listening socket, subscribers, the
/// wake-up pipe), so a descriptor number is never reused while another thread may still use it.
final class BroadcastCore: @unchecked Sendable {
    let path: String
    let listening: ListeningSocket
    let diagnostics: EventDiagnostics
    let condition = NSCondition()
    var state: BroadcastState
    private let wakeReader: Int32
    private let wakeWriter: Int32

    init(
        listening: ListeningSocket, bufferLimit: Int, diagnostics: @escaping EventDiagnostics
    ) throws(EventSocketError) {
        var pipeEnds: [Int32] = [-1, -1]
        guard pipe(&pipeEnds) == 0 else {
            throw .cannotCreate(path: listening.path, step: "create the wake-up pipe of", errorNumber: errno)
        }
        for end in pipeEnds { POSIX.configure(end, nonBlocking: true) }
        self.path = listening.path
        self.listening = listening
        self.diagnostics = diagnostics
        self.state = BroadcastState(bufferLimit: bufferLimit)
        wakeReader = pipeEnds[0]
        wakeWriter = pipeEnds[1]
    }

    /// Queues one line (newline included) for every subscriber, the ones waiting to be accepted included.
    func publish(_ line: [UInt8]) throws(EventSinkError) {
        condition.lock()
        defer { condition.unlock() }
        guard !state.isClosing else { throw .closed(sink: path) }
        acceptPendingLocked()
        guard !state.subscribers.isEmpty else { return }
        let droppedBefore = state.droppedSubscribers
        state.enqueue(line)
        wakeLocked()
        if state.droppedSubscribers != droppedBefore { condition.broadcast() }
    }

    /// Waits until every subscriber's buffer has been handed to the kernel; false when `timeout` ran out first.
    func waitUntilDrained(timeout: Duration) -> Bool {
        let deadline = Date(timeIntervalSinceNow: timeout.seconds)
        condition.lock()
        defer { condition.unlock() }
        while !state.isDrained {
            if state.ioFinished || !condition.wait(until: deadline) { return state.isDrained }
        }
        return true
    }

    func beginClosing(flushTimeout: Duration) {
        condition.lock()
        defer { condition.unlock() }
        guard !state.isClosing else { return }
        state.closeDeadline = ContinuousClock.now + flushTimeout
        wakeLocked()
    }

    /// Accepts every connection waiting in the backlog, so that a subscriber whose connect(2) returned before a
    /// publish receives that event.
    func acceptPendingLocked() {
        guard state.isListening else { return }
        if let pausedUntil = state.acceptPausedUntil {
            guard ContinuousClock.now >= pausedUntil else { return }
            state.acceptPausedUntil = nil
        }
        while true {
            let descriptor = accept(listening.descriptor, nil, nil)
            if descriptor >= 0 {
                POSIX.configure(descriptor, nonBlocking: true)
                state.register(descriptor: descriptor, peerProcessID: POSIX.peerProcessID(descriptor))
                // Accepted on another thread, the connection took the listening socket's readiness with it: the
                // I/O thread, asleep in poll without this descriptor, must be told to watch it (else a peer that
                // has already hung up stays a subscriber).
                wakeLocked()
                continue
            }
            let failure = errno
            switch failure {
            case EINTR, ECONNABORTED:
                continue
            case EAGAIN, EWOULDBLOCK:
                return
            case EMFILE, ENFILE, ENOBUFS, ENOMEM:
                // Out of descriptors or memory: the backlog stays readable, so wait a moment instead of spinning.
                state.messages.append(
                    "event socket \(path): cannot accept a subscriber: \(POSIX.errorText(failure)); retrying shortly")
                state.acceptPausedUntil = ContinuousClock.now + .milliseconds(100)
                return
            default:
                state.messages.append("event socket \(path): cannot accept a subscriber: \(POSIX.errorText(failure))")
                state.acceptPausedUntil = ContinuousClock.now + .milliseconds(100)
                return
            }
        }
    }

    func wakeLocked() {
        guard !state.wakePending else { return }
        state.wakePending = true
        var byte: UInt8 = 1
        _ = write(wakeWriter, &byte, 1)
    }

    func drainWakeUps() {
        var bytes = [UInt8](repeating: 0, count: 64)
        while read(wakeReader, &bytes, bytes.count) > 0 {}
    }

    var wakeUpDescriptor: Int32 { wakeReader }

    func closeWakeUpPipe() {
        close(wakeReader)
        close(wakeWriter)
    }
}

extension Duration {
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }

    /// Whole milliseconds, rounded up so that a poll(2) with this timeout does not wake just before a deadline.
    var pollMilliseconds: Int32 {
        let milliseconds = (seconds * 1000).rounded(.up)
        return Int32(max(0, min(milliseconds, Double(Int32.max))))
    }
}
