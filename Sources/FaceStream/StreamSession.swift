import FaceEvents
import FaceMedia
import Foundation

/// One watched stream at work: its decode thread (a `StreamReader`), the bounded queue after it, and its analysis
/// thread (a `StreamAnalyzer`), with the events that describe the stream itself.
public final class StreamSession: @unchecked Sendable {
    /// What flows from the decode thread to the analysis thread.
    enum Item {
        case frame(VideoFrame)
        /// The source went down: the tracks end, and later frames start a new timeline.
        case interrupted
    }

    public let spec: StreamSpec
    private let models: RecognitionModels
    private let publish: @Sendable (FaceEvent) -> Void
    private let diagnostics: @Sendable (String) -> Void
    private let computeSlots: DispatchSemaphore
    private let queue: FrameQueue<Item>
    private var reader: StreamReader!
    private let finished = DispatchSemaphore(value: 0)
    // Written by the analysis thread before it signals `finished`; read after `join()`.
    private var totals = (frames: 0, detections: 0, embeddings: 0, dropped: 0)

    /// - Parameter computeSlots: shared by all sessions, so that no more analyses run at once than there are cores.
    public init(
        spec: StreamSpec, models: RecognitionModels, computeSlots: DispatchSemaphore,
        publish: @escaping @Sendable (FaceEvent) -> Void, diagnostics: @escaping @Sendable (String) -> Void
    ) {
        self.spec = spec
        self.models = models
        self.computeSlots = computeSlots
        self.publish = publish
        self.diagnostics = diagnostics
        queue = FrameQueue(capacity: spec.queueCapacity, overflow: spec.location.isLive ? .dropOldest : .wait)
    }

    /// Starts decoding and analysis; throws when the analysis settings are invalid.
    public func start() throws(SessionError) {
        let analyzer: StreamAnalyzer
        do {
            analyzer = try StreamAnalyzer(stream: spec.name, settings: spec.analysis, models: models) { [publish] in publish($0) }
        } catch {
            throw SessionError(stream: spec.name, reason: "\(error)")
        }
        let name = spec.name, location = spec.location, publish = publish, queue = queue
        reader = StreamReader(
            location: spec.location, options: spec.input, realtime: spec.realtime,
            backoff: ReconnectDelays(initialDelay: spec.reconnectInitialDelay, maxDelay: spec.reconnectMaxDelay),
            deliver: { queue.push(.frame($0)) }, finish: { queue.close() }
        ) { report in
            switch report {
            case .up(let width, let height, let fps):
                publish(FaceEvent(stream: name, time: Date(), kind: .streamUp(url: location.description, width: width, height: height, fps: fps)))
            case .down(let reason, let retryIn):
                queue.push(.interrupted)
                publish(FaceEvent(stream: name, time: Date(), kind: .streamDown(reason: reason, retryIn: retryIn)))
            }
        }
        let thread = Thread { [self] in
            analyse(with: analyzer)
            finished.signal()
        }
        thread.name = "analyse \(spec.name)"
        thread.start()
        reader.start(name: spec.name)
    }

    /// Stops intake; frames already queued are still analysed, then the tracks end. Returns at once.
    public func stop() {
        reader?.stop()
        queue.close()
    }

    /// Waits until the session has analysed its last frame and ended its tracks.
    public func join() {
        finished.wait()
        finished.signal()
        reader?.join()
    }

    /// Frames analysed, full detections, embeddings and frames dropped over the session (valid after `join()`).
    public var statistics: (frames: Int, detections: Int, embeddings: Int, dropped: Int) { totals }

    private func analyse(with analyzer: StreamAnalyzer) {
        var droppedSinceUp = 0
        var lastPTS: Double?
        while let item = queue.pop() {
            let dropped = queue.takeDroppedCount()
            switch item {
            case .interrupted:
                analyzer.finish()
                lastPTS = nil
                droppedSinceUp = 0
            case .frame(let frame):
                if dropped > 0 {
                    droppedSinceUp += dropped
                    totals.dropped += dropped
                    publish(FaceEvent(stream: spec.name, time: Date(), kind: .framesDropped(count: dropped, total: droppedSinceUp, pts: frame.pts)))
                }
                if let lastPTS, frame.pts < lastPTS - 0.5 { analyzer.finish() }
                lastPTS = frame.pts
                computeSlots.wait()
                do {
                    try analyzer.analyse(frame)
                } catch {
                    diagnostics("\(spec.name): frame at \(frame.pts) s skipped: \(error)")
                }
                computeSlots.signal()
            }
        }
        analyzer.finish()
        totals.frames = analyzer.counts.frames
        totals.detections = analyzer.counts.detections
        totals.embeddings = analyzer.counts.embeddings
    }
}

/// A stream that cannot start, with the reason; one line.
public struct SessionError: Error, CustomStringConvertible, Sendable {
    public let stream: String
    public let reason: String
    public var description: String { "stream \(stream): \(reason)" }
}
