import FaceIdentity
import FaceVision
import Foundation

/// What every stream shares for analysis: the detector, the embedder, and the gallery's descriptors in memory.
///
/// The networks are immutable and used from several threads at once. The gallery index can be replaced while
/// streams run (SIGHUP reloads it); each frame reads whichever index is current.
public final class RecognitionModels: @unchecked Sendable {
    public let detector: MTCNNDetector
    public let embedder: any FaceEmbedder
    // Guarded by `lock`.
    private var currentIndex: DescriptorIndex
    private let lock = NSLock()

    public init(detector: MTCNNDetector, embedder: any FaceEmbedder, index: DescriptorIndex) {
        self.detector = detector
        self.embedder = embedder
        self.currentIndex = index
    }

    public var index: DescriptorIndex {
        lock.lock()
        defer { lock.unlock() }
        return currentIndex
    }

    public func replaceIndex(_ index: DescriptorIndex) {
        lock.lock()
        currentIndex = index
        lock.unlock()
    }
}
