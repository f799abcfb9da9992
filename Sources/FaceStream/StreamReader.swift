import FaceMedia
import Foundation

/// One stream's decode thread: opens the source, hands each frame on, and keeps a live stream alive through
/// outages, reconnecting with backoff and reporting each change of state.
///
/// A file is read once, as fast as `deliver` takes its frames (or at its own frame rate when `realtime`), then
/// `finish` is called. `stop()` interrupts any blocking open, read or backoff wait at once.
public final class StreamReader: @unchecked Sendable {
    /// A change in the source's state, reported from the decode thread.
    public enum Report: Sendable, Equatable {
        /// Opened (or reopened): the source's size and nominal frame rate.
        case up(width: Int, height: Int, framesPerSecond: Double?)
        /// Lost, with the cause; `retryIn` seconds until the next attempt, nil when there will be none.
        case down(reason: String, retryIn: Double?)
    }

    public let location: MediaLocation
    public let options: VideoInputOptions
    public let realtime: Bool
    private let deliver: @Sendable (VideoFrame) -> Bool
    private let finish: @Sendable () -> Void
    private let report: @Sendable (Report) -> Void
    private let gate = InterruptGate()
    // `stopping` and `backoff` are guarded by `condition`; the rest is used by the decode thread only.
    private let condition = NSCondition()
    private var stopping = false
    private var backoff: ReconnectDelays
    private let finished = DispatchSemaphore(value: 0)

    public init(
        location: MediaLocation, options: VideoInputOptions, realtime: Bool, backoff: ReconnectDelays,
        deliver: @escaping @Sendable (VideoFrame) -> Bool, finish: @escaping @Sendable () -> Void,
        report: @escaping @Sendable (Report) -> Void
    ) {
        self.location = location
        self.options = options
        self.realtime = realtime
        self.backoff = backoff
        self.deliver = deliver
        self.finish = finish
        self.report = report
    }

    /// Starts the decode thread.
    public func start(name: String) {
        let thread = Thread { [self] in
            run()
            finish()
            finished.signal()
        }
        thread.name = "decode \(name)"
        thread.start()
    }

    /// Asks the thread to stop: interrupts I/O and waits; `finish` follows on the thread. Returns at once.
    public func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
        gate.cancel()
    }

    /// Waits until the decode thread has ended (after `stop()`, or at the end of a file).
    public func join() {
        finished.wait()
        finished.signal()
    }

    private var isStopping: Bool {
        condition.lock()
        defer { condition.unlock() }
        return stopping
    }

    private func run() {
        while !isStopping {
            let input: VideoInput
            do {
                input = try VideoInput(location: location, options: options, gate: gate)
            } catch {
                guard !isStopping else { return }
                guard location.isLive else {
                    report(.down(reason: error.reason, retryIn: nil))
                    return
                }
                waitBeforeRetry(reason: error.reason)
                continue
            }
            report(.up(width: input.width, height: input.height, framesPerSecond: input.framesPerSecond))
            condition.lock()
            backoff.reset()
            condition.unlock()
            let ending = pump(input)
            input.close()
            guard !isStopping else { return }
            switch ending {
            case .endOfStream where !location.isLive:
                report(.down(reason: "end of file", retryIn: nil))
                return
            case .endOfStream:
                waitBeforeRetry(reason: "the server ended the stream")
            case .failed(let error) where !location.isLive:
                report(.down(reason: error.reason, retryIn: nil))
                return
            case .failed(let error):
                waitBeforeRetry(reason: error.reason)
            case .stopped:
                return
            }
        }
    }

    private enum Ending {
        case endOfStream
        case failed(VideoInputError)
        case stopped
    }

    /// Reads frames into the queue until the source ends or fails.
    private func pump(_ input: VideoInput) -> Ending {
        var pacing: (wallStart: Double, firstPTS: Double)?
        while true {
            let frame: VideoFrame?
            do {
                frame = try input.nextFrame()
            } catch {
                return isStopping ? .stopped : .failed(error)
            }
            guard let frame else { return .endOfStream }
            if realtime && !location.isLive {
                let now = ProcessInfo.processInfo.systemUptime
                if let pacing {
                    let due = pacing.wallStart + (frame.pts - pacing.firstPTS)
                    if due > now && !sleep(seconds: due - now) { return .stopped }
                } else {
                    pacing = (now, frame.pts)
                }
            }
            guard deliver(frame) else { return .stopped }
        }
    }

    private func waitBeforeRetry(reason: String) {
        condition.lock()
        let delay = backoff.nextDelay()
        condition.unlock()
        report(.down(reason: reason, retryIn: delay))
        _ = sleep(seconds: delay)
    }

    /// Sleeps unless stopped meanwhile; false when `stop()` cut the sleep short.
    private func sleep(seconds: Double) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        let deadline = Date(timeIntervalSinceNow: seconds)
        while !stopping {
            if !condition.wait(until: deadline) { return true }
        }
        return false
    }
}
