import FaceEvents
import Foundation

/// The daemon's core: every configured stream watched at once, their events published in one order, and a
/// graceful stop.
///
/// `run()` blocks until every stream has ended (files read to the end) or `shutdown()` is called; shutdown stops
/// intake at once, lets each stream analyse the frames it already holds and end its tracks, then `run()` returns.
/// Analysis is spread over `workers` slots, at most one frame per slot at a time, so streams share the cores
/// instead of fighting over them.
public final class WatchService: @unchecked Sendable {
    public let models: RecognitionModels
    private let sessions: [StreamSession]
    private let detectionPool: DetectionPool
    private let lock = NSLock()
    // Guarded by `lock`.
    private var stopping = false

    public init(
        streams: [StreamSpec], models: RecognitionModels, workers: Int,
        publish: @escaping @Sendable (FaceEvent) -> Void, diagnostics: @escaping @Sendable (String) -> Void
    ) {
        self.models = models
        let slots = DispatchSemaphore(value: max(1, workers))
        let pool = DetectionPool(threads: max(1, workers), slots: slots)
        detectionPool = pool
        sessions = streams.map {
            StreamSession(spec: $0, models: models, computeSlots: slots, detectionPool: pool, publish: publish, diagnostics: diagnostics)
        }
    }

    /// Starts every stream and waits until all have ended.
    public func run() throws(SessionError) {
        for (started, session) in sessions.enumerated() {
            do {
                try session.start()
            } catch {
                for earlier in sessions[..<started] {
                    earlier.stop()
                    earlier.join()
                }
                detectionPool.close()
                throw error
            }
        }
        for session in sessions {
            session.join()
        }
        detectionPool.close()
    }

    /// Stops every stream gracefully; `run()` returns once the frames in flight are analysed. Returns at once.
    public func shutdown() {
        lock.lock()
        let first = !stopping
        stopping = true
        lock.unlock()
        guard first else { return }
        for session in sessions {
            session.stop()
        }
    }

    /// The longest any stream's analysis has now been inside one frame, in seconds: what a watchdog checks.
    public var longestFrameInProgress: Double {
        sessions.map(\.secondsInCurrentFrame).max() ?? 0
    }

    /// Per stream, in configuration order: what its analysis did (after `run()` has returned).
    public var statistics: [(stream: String, counts: AnalysisCounts)] {
        sessions.map { ($0.spec.name, $0.statistics) }
    }
}
