import FaceEvents
import FaceIdentity
import FaceMedia
import FaceTrack
import FaceVision
import Foundation

/// Turns one stream's frames, in order, into events: runs the full detector every `detectEvery` frames, between
/// those re-finds tracked faces with O-Net on their predicted boxes (and with the cascade on a window around a
/// face O-Net missed), keeps the tracks, and embeds and matches faces when that can change what is known about
/// them.
///
/// One thread drives an analyzer; the models it uses are shared with the other streams. (Sendable only so that it
/// can be handed to that thread: it is never used from two threads at once.)
public final class StreamAnalyzer: @unchecked Sendable {
    public let stream: String
    public let settings: AnalysisSettings
    private let models: RecognitionModels
    private let publish: (FaceEvent) -> Void
    private var tracker: FaceTracker
    private var recognition: [Int: TrackRecognition] = [:]
    private var framesAnalysed = 0
    private var framesSinceDetection: Int?
    /// Tracks searched for in vain since the last full detection: left to the next one.
    private var searchedInVain: Set<Int> = []
    private var lastPTS = 0.0
    private var lastScale = 1.0
    private var lastPictureSize: (width: Int, height: Int)?
    /// What the analyzer did and where its time went: for statistics and benchmarks.
    public private(set) var counts = AnalysisCounts()

    public init(stream: String, settings: AnalysisSettings, models: RecognitionModels, publish: @escaping (FaceEvent) -> Void) throws(TrackerOptionsError) {
        self.stream = stream
        self.settings = settings
        self.models = models
        self.publish = publish
        tracker = try FaceTracker(options: settings.tracking)
    }

    /// Analyses the next frame of the stream. `proposals` are the full detector's first two stages for this frame
    /// when they were computed ahead; otherwise the analyzer runs them itself when the schedule calls for a full
    /// detection. O-Net finishes the detection here, where the tracks say which faces to expect.
    /// `catchingUp` says that a live stream has fallen behind: on such a frame the work that can wait is left out
    /// (tracks coast on their predicted boxes instead of being refined or searched for, and faces that want
    /// embedding wait for a later frame, so names come a little later), so that frames need not be dropped.
    /// Scheduled full detections still run.
    public func analyse(_ frame: VideoFrame, proposals: FaceProposals? = nil, catchingUp: Bool = false) throws(VisionError) {
        if let size = lastPictureSize, size != (frame.image.width, frame.image.height) {
            restartTracking()
        }
        lastPictureSize = (frame.image.width, frame.image.height)
        lastPTS = frame.pts
        lastScale = frame.scale
        counts.frames += 1
        defer { framesAnalysed += 1 }
        let update: TrackerUpdate
        if proposals != nil || needsDetection(frame) {
            let faces = try detect(in: frame, proposals: proposals)
            counts.detections += 1
            framesSinceDetection = 0
            searchedInVain.removeAll()
            update = tracker.associate(faces, at: frame.pts)
        } else {
            framesSinceDetection = (framesSinceDetection ?? 0) + 1
            let predictions = tracker.predict(to: frame.pts)
            var results = [Int: DetectedFace?]()
            if settings.refineTracks && !predictions.isEmpty && !catchingUp {
                let started = AnalysisCounts.now()
                let found = try models.detector.faces(in: frame.image, regions: predictions.map(\.box), options: settings.detection)
                counts.refinements += predictions.count
                counts.refinementSeconds += AnalysisCounts.now() - started
                for (prediction, face) in zip(predictions, found) { results[prediction.id] = face }
                try searchMissing(predictions, in: frame, results: &results)
            }
            update = tracker.refine(results, at: frame.pts)
        }
        report(update, frame: frame)
        if catchingUp {
            counts.framesCatchingUp += 1
        } else {
            try recognise(in: frame)
        }
        counts.latency.record(AnalysisCounts.now() - frame.decodedAt)
    }

    /// A full detection: its first two stages (computed ahead, or here), then O-Net, which examines one candidate
    /// for each face the tracks expect instead of all of R-Net's candidates on it.
    private func detect(in frame: VideoFrame, proposals: FaceProposals?) throws(VisionError) -> [DetectedFace] {
        let started = AnalysisCounts.now()
        defer { counts.detectionSeconds += AnalysisCounts.now() - started }
        let options = settings.detectionOptions(for: frame)
        let firstStages: FaceProposals
        if let proposals {
            firstStages = proposals
        } else {
            firstStages = try models.detector.proposals(frame.image, options: options)
        }
        let expected = tracker.predict(to: frame.pts).map(\.box)
        return try models.detector.detect(frame.image, proposals: firstStages, expecting: expected, options: options)
    }

    /// Records the time a detection computed ahead took (it ran on another thread).
    public func addDetectionTime(_ seconds: Double) {
        counts.detectionSeconds += seconds
    }

    /// Ends every track (end of stream, shutdown), reporting each confirmed one.
    public func finish() {
        report(tracker.endAll(at: lastPTS), frame: nil)
    }

    /// The picture changed size within the stream (a camera reconfigured, a recording spliced from two): boxes
    /// of the old size mean nothing in the new one, so every track ends at the last frame of the old size and the
    /// next frame gets a full detection.
    private func restartTracking() {
        finish()
        framesSinceDetection = nil
        searchedInVain.removeAll()
    }

    /// A detection on this frame, not computed ahead: the stream's first frame, or a scheduled frame (when nothing
    /// ran ahead, or the scheduled one was dropped).
    private func needsDetection(_ frame: VideoFrame) -> Bool {
        guard let since = framesSinceDetection else { return true }
        return since + 1 >= settings.detectEvery || settings.isScheduledForDetection(frameIndex: frame.index)
    }

    /// For each confirmed or lost track that O-Net did not re-find on its predicted box, runs the cascade on a
    /// window around the prediction and takes the face found there whose centre is nearest the prediction's,
    /// unless that face lies closer to another track. A track searched for in vain is not searched for again
    /// before the next full detection (a face that left or turned away would otherwise cost a search on every
    /// frame). Tentative tracks are left to miss: a face that is not re-found at once is not confirmed.
    private func searchMissing(_ predictions: [TrackPrediction], in frame: VideoFrame, results: inout [Int: DetectedFace?]) throws(VisionError) {
        guard settings.searchMissedTracks else { return }
        let missing = predictions.filter { prediction in
            prediction.state != .tentative && results[prediction.id] == .some(nil) && !searchedInVain.contains(prediction.id)
        }
        guard !missing.isEmpty else { return }
        let started = AnalysisCounts.now()
        let options = settings.detectionOptions(for: frame)
        for prediction in missing {
            let others = predictions.filter { $0.id != prediction.id }.map { other in
                (results[other.id] ?? nil)?.box ?? other.box
            }
            let faces = try models.detector.detect(frame.image, near: prediction.box, options: options)
            let own = faces.filter { face in
                let overlap = face.box.intersectionOverUnion(prediction.box)
                return others.allSatisfy { face.box.intersectionOverUnion($0) <= overlap }
            }
            if let nearest = own.min(by: { Self.centreGap(prediction.box, $0.box) < Self.centreGap(prediction.box, $1.box) }) {
                results[prediction.id] = nearest
            } else {
                searchedInVain.insert(prediction.id)
            }
        }
        counts.searches += missing.count
        counts.searchSeconds += AnalysisCounts.now() - started
    }

    /// The squared distance between two boxes' centres.
    private static func centreGap(_ a: Box, _ b: Box) -> Double {
        let p = a.centre, q = b.centre
        return (p.x - q.x) * (p.x - q.x) + (p.y - q.y) * (p.y - q.y)
    }

    private func report(_ update: TrackerUpdate, frame: VideoFrame?) {
        for track in update.started {
            recognition[track.id] = TrackRecognition(options: settings.vote)
            emit(.trackStart(track: track.id, pts: update.time, box: eventBox(track.box)))
        }
        for track in update.ended {
            let identity = recognition[track.id]?.vote.decision.person ?? FaceEvent.unknownIdentity
            recognition[track.id] = nil
            emit(.trackEnd(track: track.id, pts: update.time, identity: identity, duration: track.duration, frames: track.framesSeen))
        }
    }

    /// Embeds the confirmed faces seen in this frame that need it, in one batch, and votes on their identity. At
    /// most `embeddingsPerFrame` faces are embedded: those whose tracks have the fewest descriptors, then those
    /// embedded longest ago, then the larger; the others still want it on the next frame.
    private func recognise(in frame: VideoFrame) throws(VisionError) {
        var wanted = [(track: TrackedFace, area: Double, descriptors: Int, lastEmbedded: Int)]()
        for track in tracker.tracks where track.state == .confirmed && track.lastSeen == frame.pts && track.landmarks.count == 5 {
            let area = track.lastObservation.box.area * frame.scale * frame.scale
            guard let state = recognition[track.id], state.wantsEmbedding(frame: framesAnalysed, faceArea: area, settings: settings) else { continue }
            wanted.append((track, area, state.vote.embeddings, state.lastEmbeddedFrame ?? -1))
        }
        guard !wanted.isEmpty else { return }
        let budget = max(1, settings.embeddingsPerFrame)
        if wanted.count > budget {
            wanted.sort { a, b in
                if a.descriptors != b.descriptors { return a.descriptors < b.descriptors }
                if a.lastEmbedded != b.lastEmbedded { return a.lastEmbedded < b.lastEmbedded }
                return a.area > b.area
            }
            wanted.removeLast(wanted.count - budget)
        }
        let started = AnalysisCounts.now()
        var faces = wanted.map(\.track.lastObservation)
        var source = frame.image
        if let full = frame.fullImage {
            // Align from the full-resolution pixels: the landmarks move to source coordinates.
            source = full
            let scale = frame.scale
            faces = faces.map { face in
                var face = face
                face.landmarks = face.landmarks.map { Point2D(x: ($0.x + 0.5) * scale - 0.5, y: ($0.y + 0.5) * scale - 0.5) }
                return face
            }
        }
        let descriptors = try models.embedder.descriptors(of: faces, in: source)
        counts.embeddings += descriptors.count
        counts.embeddingSeconds += AnalysisCounts.now() - started
        let index = models.index
        for ((track, area, _, _), descriptor) in zip(wanted, descriptors) {
            let match = index.match(descriptor, threshold: settings.threshold)
            guard var state = recognition[track.id] else { continue }
            let decision = state.record(match, frame: framesAnalysed, faceArea: area)
            let lastDistance = state.lastDistance
            recognition[track.id] = state
            guard let decision else { continue }
            let box = eventBox(track.lastObservation.box)
            switch decision {
            case .undecided:
                break
            case .unknown:
                emit(.identity(track: track.id, identity: FaceEvent.unknownIdentity, distance: lastDistance.map(Double.init), pts: frame.pts, box: box))
            case .known(let person, let distance):
                emit(.identity(track: track.id, identity: person, distance: Double(distance), pts: frame.pts, box: box))
            }
        }
    }

    private func eventBox(_ box: Box) -> FaceEvent.Box {
        FaceEvent.Box(x: box.x * lastScale, y: box.y * lastScale, width: box.width * lastScale, height: box.height * lastScale)
    }

    private func emit(_ kind: FaceEvent.Kind) {
        publish(FaceEvent(stream: stream, time: Date(), kind: kind))
    }
}
