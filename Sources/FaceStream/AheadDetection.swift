import FaceVision
import Foundation
import Synchronization

/// A full detection started as soon as a scheduled frame is decoded, on a pool thread, so that it runs on
/// another core while the stream's analysis thread is still busy with earlier frames. A frame dropped before its
/// detection started cancels it, so that a live stream that falls behind does not pile up stale work.
final class AheadDetection: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let cancelled = Atomic<Bool>(false)
    // Written once by the pool thread before `done` is signalled; read after waiting on it.
    private var result: Result<[DetectedFace], VisionError> = .success([])
    private var seconds = 0.0

    private static let pool = DispatchQueue(label: "facewatch.detect-ahead", attributes: .concurrent)

    /// Queues the detection; it takes one of `slots` while it computes.
    static func start(detector: MTCNNDetector, image: RGBImage, options: MTCNNOptions, slots: DispatchSemaphore) -> AheadDetection {
        let job = AheadDetection()
        pool.async {
            slots.wait()
            defer {
                slots.signal()
                job.done.signal()
            }
            guard !job.cancelled.load(ordering: .relaxed) else { return }
            let started = AnalysisCounts.now()
            do throws(VisionError) {
                job.result = .success(try detector.detect(image, options: options))
            } catch {
                job.result = .failure(error)
            }
            job.seconds = AnalysisCounts.now() - started
        }
        return job
    }

    func cancel() {
        cancelled.store(true, ordering: .relaxed)
    }

    /// The faces found (or the detector's error) and the seconds the detection computed.
    func wait() -> (Result<[DetectedFace], VisionError>, Double) {
        done.wait()
        done.signal()
        return (result, seconds)
    }
}
