/// What every face embedder offers: how to cut a face out of a photo for it (its aligner), how long its
/// descriptors are, a stable name that galleries record so that descriptors of different models are never
/// compared, and descriptors of aligned chips. Descriptors are compared by Euclidean distance.
///
/// Conforming types are immutable values that may be used from several threads at once.
public protocol FaceEmbedder: Sendable {
    /// Cuts a face out of a photo the way the model expects (template and chip size).
    var aligner: FaceAligner { get }
    /// Number of values in every descriptor.
    var descriptorLength: Int { get }
    /// Names the model for galleries: equal names promise comparable descriptors, so it must change whenever
    /// the weights or the preprocessing do.
    var modelName: String { get }
    /// The Euclidean distance under which the model's authors call two faces the same person, when they give
    /// one; nil for a model that comes without (the user then chooses, e.g. from `facewatch validate`).
    var suggestedThreshold: Float? { get }
    /// Whether every descriptor has Euclidean length 1 (then distance d and cosine similarity relate as
    /// d² = 2 − 2·cos). False unless an embedder says otherwise.
    var descriptorsAreUnitLength: Bool { get }

    /// Descriptors of chips that are already aligned, one per chip, in order; every chip must have the aligner's
    /// template size.
    func descriptors(ofChips chips: [RGBImage]) throws(VisionError) -> [[Float]]

    /// Descriptors of detected faces in a photo, one per face, in order. By default each face is aligned with
    /// the aligner and its chip embedded.
    func descriptors(of faces: [DetectedFace], in image: RGBImage) throws(VisionError) -> [[Float]]
}

extension FaceEmbedder {
    public var descriptorsAreUnitLength: Bool { false }

    /// Aligns each detected face and returns its descriptor, in order.
    public func descriptors(of faces: [DetectedFace], in image: RGBImage) throws(VisionError) -> [[Float]] {
        try descriptors(ofChips: aligner.chips(of: faces, in: image))
    }

    /// Chips of another size than the template's are refused with the embedder's expectation in the message.
    func checkChipSizes(_ chips: [RGBImage]) throws(VisionError) {
        let template = aligner.template
        for chip in chips where chip.width != template.width || chip.height != template.height {
            throw VisionError(
                "chip", "is \(chip.width)×\(chip.height); the embedder \(modelName) takes \(template.width)×\(template.height)")
        }
    }
}

extension FaceAligner {
    /// The chip of every face, in order; an alignment failure becomes a `VisionError` naming the alignment.
    func chips(of faces: [DetectedFace], in image: RGBImage, mirrored: Bool = false) throws(VisionError) -> [RGBImage] {
        var chips = [RGBImage]()
        chips.reserveCapacity(faces.count)
        for face in faces {
            do {
                chips.append(mirrored
                    ? try alignMirrored(image, landmarks: face.landmarks)
                    : try align(image, landmarks: face.landmarks))
            } catch {
                throw VisionError("alignment", "\(error)")
            }
        }
        return chips
    }
}
