/// Test-time mirror averaging: another embedder's descriptor of a face averaged with its descriptor of the face's
/// mirror image (`FaceAligner.alignMirrored`: the photo flipped left to right, landmarks flipped and their
/// left/right roles swapped). Faces are rarely symmetric, so the two views differ; their mean describes the face
/// with less dependence on pose and lighting, at twice the network cost.
///
/// The descriptors differ from the base embedder's, so the model name gets the suffix `+mirror-average` and a
/// gallery filled by one refuses the other. When the base embedder's descriptors have unit length, so has the
/// mean (it is normalised again). The base's threshold is kept; `facewatch validate` shows whether it still fits.
///
/// An embedder is an immutable value; it may be used from several threads at once.
public struct MirrorAveragedEmbedder: FaceEmbedder {
    /// The suffix added to the base embedder's model name.
    public static let modelNameSuffix = "+mirror-average"

    public let base: any FaceEmbedder

    public init(_ base: any FaceEmbedder) {
        self.base = base
    }

    public var aligner: FaceAligner { base.aligner }
    public var descriptorLength: Int { base.descriptorLength }
    public var modelName: String { base.modelName + Self.modelNameSuffix }
    public var suggestedThreshold: Float? { base.suggestedThreshold }
    public var descriptorsAreUnitLength: Bool { base.descriptorsAreUnitLength }

    /// Chips given as they are: each is averaged with the chip itself flipped left to right. (A chip flip is the
    /// face's mirror image only when the template is symmetric about the chip's centre line; for detected faces
    /// `descriptors(of:in:)` mirrors through the landmarks instead, which is exact.)
    public func descriptors(ofChips chips: [RGBImage]) throws(VisionError) -> [[Float]] {
        try averagedPairs(chips + chips.map { $0.flippedHorizontally() })
    }

    public func descriptors(of faces: [DetectedFace], in image: RGBImage) throws(VisionError) -> [[Float]] {
        let chips = try aligner.chips(of: faces, in: image)
        let mirrored = try aligner.chips(of: faces, in: image, mirrored: true)
        return try averagedPairs(chips + mirrored)
    }

    /// Embeds `2n` chips in one run and returns the mean of descriptors `i` and `n + i` for each `i < n`.
    private func averagedPairs(_ chips: [RGBImage]) throws(VisionError) -> [[Float]] {
        let all = try base.descriptors(ofChips: chips)
        let count = all.count / 2
        return (0..<count).map { index in
            let mean = zip(all[index], all[count + index]).map { ($0 + $1) / 2 }
            return descriptorsAreUnitLength ? L2Normalization.normalized(mean) : mean
        }
    }
}
