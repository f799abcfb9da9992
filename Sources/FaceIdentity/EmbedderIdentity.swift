/// Which embedder made a set of descriptors: descriptors are only comparable with others from the same one.
/// A gallery records the identity of the embedder that created it and refuses any other.
public struct EmbedderIdentity: Sendable, Hashable, CustomStringConvertible {
    /// A stable name for the model, e.g. `dlib_face_recognition_resnet_model_v1`.
    public let name: String
    /// Length of every descriptor.
    public let dimension: Int
    public let metric: DistanceMetric

    public init(name: String, dimension: Int, metric: DistanceMetric) {
        self.name = name
        self.dimension = dimension
        self.metric = metric
    }

    /// dlib's face-recognition ResNet: 128 unnormalised values compared by Euclidean distance.
    public static let dlibResNet = EmbedderIdentity(
        name: "dlib_face_recognition_resnet_model_v1", dimension: 128, metric: .euclidean)

    public var description: String { "\(name) (\(dimension)-D, \(metric))" }
}
