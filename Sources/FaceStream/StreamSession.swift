import FaceEvents
import FaceMedia
import FaceVision
import Foundation
import Synchronization

/// One watched stream at work: its decode thread (a `StreamReader`), the bounded queue after it, and its analysis
/// thread (a `StreamAnalyzer`), with the events that describe the stream itself.
public final class StreamSession: @unchecked Sendable {
    /// What flows from the decode thread to the analysis thread.
    enum Item {
        /// A frame, with the full detection started for it ahead of time when it is a scheduled one.
        case frame(VideoFrame, AheadDetection?)
        /// The source came up: announced in order with the events of the frames around it.
        case up(StreamReader.Report)
        /// The source went down: the tracks end, then the stream's `stream.down` is announced; later frames start a
        /// new timeline.
        case down(StreamReader.Report)

        var isFrame: Bool {
            if case .frame = self { return true }
            return false
        }
    }

    public let spec: StreamSpec
    private let models: RecognitionModels
    private let publish: @Sendable (FaceEvent) -> Void
    private let diagnostics: @Sendable (String) -> Void
    private let computeSlots: DispatchSemaphore
    private let queue: FrameQueue<Item>
    private let reader: StreamReader
    private let finished = DispatchSemaphore(value: 0)
    // Written by the analysis thread before it signals `finished`; read after `join()`.
    private var counts = AnalysisCounts()
    private var totalDropped = 0
    /// When the analysis thread began its current frame (monotonic seconds), 0 while it waits for one.
    private let busySince = Atomic<UInt64>(0)

    /// - Parameters:
    ///   - computeSlots: shared by all sessions, so that no more analyses run at once than there are cores.
    ///   - detectionPool: where scheduled detections run ahead.
    init(
        spec: StreamSpec, models: RecognitionModels, computeSlots: DispatchSemaphore, detectionPool: DetectionPool,
        publish: @escaping @Sendable (FaceEvent) -> Void, diagnostics: @escaping @Sendable (String) -> Void
    ) {
        self.spec = spec
        self.models = models
        self.computeSlots = computeSlots
        self.publish = publish
        self.diagnostics = diagnostics
        let queue = FrameQueue<Item>(
            capacity: spec.queueCapacity, overflow: spec.location.isLive ? .dropOldest : .wait, isDroppable: { $0.isFrame },
            onDrop: { item in
                if case .frame(_, let ahead?) = item { ahead.cancel() }
            })
        self.queue = queue
        let settings = spec.analysis, detector = models.detector
        reader = StreamReader(
            location: spec.location, options: spec.input, realtime: spec.realtime,
            backoff: ReconnectDelays(initialDelay: spec.reconnectInitialDelay, maxDelay: spec.reconnectMaxDelay),
            deliver: { frame in
                var ahead: AheadDetection?
                if settings.isScheduledForDetection(frameIndex: frame.index) {
                    let job = AheadDetection(detector: detector, image: frame.image, options: settings.detectionOptions(for: frame))
                    detectionPool.submit(job)
                    ahead = job
                }
                return queue.push(.frame(frame, ahead))
            },
            finish: { queue.close() }
        ) { report in
            switch report {
            case .up: queue.push(.up(report))
            case .down: queue.push(.down(report))
            }
        }
    }

    /// Starts decoding and analysis; throws when the analysis settings are invalid.
    public func start() throws(SessionError) {
        let analyzer: StreamAnalyzer
        do {
            analyzer = try StreamAnalyzer(stream: spec.name, settings: spec.analysis, models: models) { [publish] in publish($0) }
        } catch {
            throw SessionError(stream: spec.name, reason: "\(error)")
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
        reader.stop()
        queue.close()
    }

    /// Waits until the session has analysed its last frame and ended its tracks.
    public func join() {
        finished.wait()
        finished.signal()
        reader.join()
    }

    /// Seconds the analysis thread has been inside one frame (0 when it is idle or waiting for a frame). A value
    /// far above any frame's cost means the analysis is stuck.
    public var secondsInCurrentFrame: Double {
        let bits = busySince.load(ordering: .relaxed)
        return bits == 0 ? 0 : AnalysisCounts.now() - Double(bitPattern: bits)
    }

    /// What the session did and where its time went (valid after `join()`).
    public var statistics: AnalysisCounts { counts }

    private func announce(_ report: StreamReader.Report) {
        let kind: FaceEvent.Kind = switch report {
        case .up(let width, let height, let fps):
            .streamUp(url: spec.location.description, width: width, height: height, fps: fps)
        case .down(let reason, let retryIn):
            .streamDown(reason: reason, retryIn: retryIn)
        }
        publish(FaceEvent(stream: spec.name, time: Date(), kind: kind))
    }

    private func analyse(with analyzer: StreamAnalyzer) {
        let isLive = spec.location.isLive
        // Half the queue waiting: the work that can wait does, long before frames would be dropped.
        let catchingUpBacklog = max(1, spec.queueCapacity / 2)
        var droppedSinceUp = 0
        var lastPTS: Double?
        var isUp = false
        while let item = queue.pop() {
            let dropped = queue.takeDroppedCount()
            switch item {
            case .up(let report):
                isUp = true
                announce(report)
            case .down(let report):
                analyzer.finish()
                announce(report)
                isUp = false
                lastPTS = nil
                droppedSinceUp = 0
            case .frame(let frame, let ahead):
                if dropped > 0 {
                    droppedSinceUp += dropped
                    totalDropped += dropped
                    publish(FaceEvent(stream: spec.name, time: Date(), kind: .framesDropped(count: dropped, total: droppedSinceUp, pts: frame.pts)))
                }
                if let lastPTS, frame.pts < lastPTS - 0.5 { analyzer.finish() }
                lastPTS = frame.pts
                do {
                    // Wait for the detection run ahead before taking a compute slot: it may need one to finish.
                    var proposals: FaceProposals?
                    if let ahead {
                        let (result, seconds) = ahead.wait()
                        analyzer.addDetectionTime(seconds)
                        proposals = try result.get()
                    }
                    computeSlots.wait()
                    busySince.store(AnalysisCounts.now().bitPattern, ordering: .relaxed)
                    defer {
                        busySince.store(0, ordering: .relaxed)
                        computeSlots.signal()
                    }
                    try analyzer.analyse(frame, proposals: proposals, catchingUp: isLive && queue.waiting >= catchingUpBacklog)
                } catch {
                    diagnostics("\(spec.name): frame at \(frame.pts) s skipped: \(error)")
                }
            }
        }
        analyzer.finish()
        if isUp { announce(.down(reason: "facewatch is stopping", retryIn: nil)) }
        counts = analyzer.counts
        counts.droppedFrames = totalDropped
    }
}

/// A stream that cannot start, with the reason; one line.
public struct SessionError: Error, CustomStringConvertible, Sendable {
    public let stream: String
    public let reason: String
    public var description: String { "stream \(stream): \(reason)" }
}
