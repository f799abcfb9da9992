/// One face descriptor on its way into a gallery, with the image it was computed from.
public struct Descriptor: Sendable, Equatable {
    public let vector: [Float]
    /// The image file the face came from, as the user named it; kept so a bad enrolment can be traced back.
    public let sourceImage: String

    public init(vector: [Float], sourceImage: String) {
        self.vector = vector
        self.sourceImage = sourceImage
    }
}
