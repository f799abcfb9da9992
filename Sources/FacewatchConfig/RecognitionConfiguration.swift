/// When and how a tracked face is matched against the enrolled people (YAML `recognition`).
public struct RecognitionConfiguration: Sendable, Equatable {
    /// Descriptor distance under which a face matches an enrolled person.
    public var threshold = 0.6
    /// Descriptors gathered on a track before the first decision on who it is.
    public var minEmbeddings = 3
    /// Descriptors without a match before the track is reported as unknown; at least `minEmbeddings`.
    public var unknownAfter = 5
    /// Frames between two descriptors of a confirmed track (a clearly better view of the face is embedded sooner).
    public var embedEvery = 25
    /// Faces embedded at most per analysed frame of a stream; the others wait for the next frames, those with the
    /// fewest descriptors first (YAML `embeddings_per_frame`).
    public var embeddingsPerFrame = 4
    /// A track changes its name only when the new person is nearer than the current one by this distance.
    public var switchMargin = 0.05

    public static let defaults = RecognitionConfiguration()

    public init() {}
}
