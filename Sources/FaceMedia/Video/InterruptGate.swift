import CFFmpeg
import FacewatchSupport
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// What FFmpeg's interrupt callback consults during a blocking call: a deadline for the current operation and a
/// cancel flag that another thread may raise at any time. A dead camera therefore never holds a thread for
/// longer than the timeout, and shutdown interrupts a read at once.
public final class InterruptGate: Sendable {
    private let deadline = Atomic<UInt64>(UInt64.max)
    private let cancelled = Atomic<Bool>(false)
    private let expired = Atomic<Bool>(false)

    /// Starts timing one operation: it is interrupted `seconds` from now.
    func arm(seconds: Double) {
        expired.store(false, ordering: .relaxed)
        deadline.store(Self.now() &+ UInt64(max(0, seconds) * 1e9), ordering: .relaxed)
    }

    func disarm() {
        deadline.store(.max, ordering: .relaxed)
    }

    public init() {}

    /// Interrupts the current and every later blocking call of the input that uses this gate.
    public func cancel() {
        cancelled.store(true, ordering: .relaxed)
    }

    public var isCancelled: Bool { cancelled.load(ordering: .relaxed) }

    /// Whether the last interruption was the deadline passing (rather than a cancel).
    var didExpire: Bool { expired.load(ordering: .relaxed) }

    fileprivate func shouldInterrupt() -> Bool {
        if cancelled.load(ordering: .relaxed) { return true }
        if Self.now() > deadline.load(ordering: .relaxed) {
            expired.store(true, ordering: .relaxed)
            return true
        }
        return false
    }

    /// The callback structure to install on a format context; `self` must outlive the context.
    var callback: AVIOInterruptCB {
        AVIOInterruptCB(callback: interruptCheck, opaque: Unmanaged.passUnretained(self).toOpaque())
    }

    static func now() -> UInt64 { MonotonicClock.nanoseconds() }
}

private func interruptCheck(_ opaque: UnsafeMutableRawPointer?) -> Int32 {
    guard let opaque else { return 0 }
    return Unmanaged<InterruptGate>.fromOpaque(opaque).takeUnretainedValue().shouldInterrupt() ? 1 : 0
}
