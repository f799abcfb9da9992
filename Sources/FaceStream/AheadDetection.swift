import FaceVision
import Foundation
import Synchronization

/// The first two stages of a full detection (the pyramid, P-Net and R-Net: all but O-Net, which the analysis thread
/// runs knowing where its tracks expect faces), started as soon as a scheduled frame is decoded, on a
/// `DetectionPool` thread, so that they run on another core while the stream's analysis thread is still busy with
/// earlier frames. A frame dropped before its detection started cancels it, so that a live stream that falls
/// behind does not pile up stale work.
final class AheadDetection: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let cancelled = Atomic<Bool>(false)
    // Written once by the pool thread before `done` is signalled; read after waiting on it.
    private var result: Result<FaceProposals, VisionError> = .failure(VisionError("detection ahead", "cancelled before it ran"))
    private var seconds = 0.0
    private let detector: MTCNNDetector
    private let image: RGBImage
    private let options: MTCNNOptions

    init(detector: MTCNNDetector, image: RGBImage, options: MTCNNOptions) {
        self.detector = detector
        self.image = image
        self.options = options
    }

    /// Runs the detection on the calling (pool) thread, unless the frame was dropped meanwhile.
    func run() {
        defer { done.signal() }
        guard !cancelled.load(ordering: .relaxed) else { return }
        let started = AnalysisCounts.now()
        do throws(VisionError) {
            result = .success(try detector.proposals(image, options: options))
        } catch {
            result = .failure(error)
        }
        seconds = AnalysisCounts.now() - started
    }

    func cancel() {
        cancelled.store(true, ordering: .relaxed)
    }

    /// The candidates for O-Net (or the detector's error) and the seconds they took.
    func wait() -> (Result<FaceProposals, VisionError>, Double) {
        done.wait()
        done.signal()
        return (result, seconds)
    }
}

/// A fixed set of threads that run detections ahead, first come first served. Each takes one of the shared
/// compute slots while it computes, so detections ahead and analyses together never use more cores than there
/// are slots; the thread count stays fixed however many streams fall behind.
final class DetectionPool: @unchecked Sendable {
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var jobs: [AheadDetection] = []
    private var closed = false
    private let slots: DispatchSemaphore
    private let stopped: DispatchGroup = DispatchGroup()

    init(threads: Int, slots: DispatchSemaphore) {
        self.slots = slots
        for n in 0..<max(1, threads) {
            stopped.enter()
            let thread = Thread { [self] in
                while let job = next() {
                    slots.wait()
                    job.run()
                    slots.signal()
                }
                stopped.leave()
            }
            thread.name = "detect \(n + 1)"
            thread.start()
        }
    }

    func submit(_ job: AheadDetection) {
        condition.lock()
        if closed {
            condition.unlock()
            job.run()
            return
        }
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Lets the threads finish the jobs queued, then end; returns once they have.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
        stopped.wait()
    }

    private func next() -> AheadDetection? {
        condition.lock()
        defer { condition.unlock() }
        while jobs.isEmpty && !closed { condition.wait() }
        return jobs.isEmpty ? nil : jobs.removeFirst()
    }
}
