import FaceVision
import Foundation

/// The face an LFW-style evaluation uses in each image: the one whose box centre is nearest the image centre.
/// Faces come from a detection cache when it knows the image, else from the detector (with a second pass when the
/// first finds none, as `settings` say); new detections are kept for `saveCache()`. Safe to use from several
/// threads at once.
final class CentralFaceFinder: @unchecked Sendable {
    let detector: MTCNNDetector
    let settings: DetectionSettings
    private var cache: DetectionCache?
    private var fresh: [(image: String, width: Int, height: Int, faces: [DetectedFace])] = []
    private let lock = NSLock()

    init(detector: MTCNNDetector, settings: DetectionSettings, cache: DetectionCache?) {
        self.detector = detector
        self.settings = settings
        self.cache = cache
    }

    /// The central face of the image at `path` (already decoded as `image`), or nil when there is none.
    func face(in image: RGBImage, path: String) throws(VisionError) -> DetectedFace? {
        lock.lock()
        let cached = cache?.faces(in: path), caching = cache != nil
        lock.unlock()
        if let cached { return Self.central(cached, width: image.width, height: image.height) }
        let faces = try settings.detect(image, with: detector)
        if caching {
            lock.lock()
            fresh.append((path, image.width, image.height, faces))
            lock.unlock()
        }
        return Self.central(faces, width: image.width, height: image.height)
    }

    /// Appends what was detected since the cache was read to its file; does nothing without a cache.
    func saveCache() throws(DetectionCacheError) {
        lock.lock()
        defer { lock.unlock() }
        guard var updated = cache else { return }
        try updated.append(fresh.sorted { $0.image < $1.image })
        cache = updated
        fresh = []
    }

    /// The face whose box centre is nearest the centre of a `width × height` image.
    static func central(_ faces: [DetectedFace], width: Int, height: Int) -> DetectedFace? {
        let centre = Point2D(x: Double(width) / 2, y: Double(height) / 2)
        func distanceSquared(_ face: DetectedFace) -> Double {
            let dx = face.box.x + face.box.width / 2 - centre.x, dy = face.box.y + face.box.height / 2 - centre.y
            return dx * dx + dy * dy
        }
        return faces.min { distanceSquared($0) < distanceSquared($1) }
    }
}
