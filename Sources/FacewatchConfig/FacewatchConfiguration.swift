/// Everything `facewatch run` is configured with, read from one YAML file (`facewatch.yaml`). Every key has a
/// default, so an empty file is a valid configuration; `validateForRun(source:)` adds what running needs
/// (at least one stream). Relative paths in the file are resolved against the file's directory.
public struct FacewatchConfiguration: Sendable, Equatable {
    /// Where the service looks for its configuration unless told otherwise.
    public static let defaultPath = "/etc/facewatch/facewatch.yaml"

    /// The directory with `pnet.onnx`, `rnet.onnx`, `onet.onnx` and dlib's `.dat` ResNet (YAML `models`).
    public var modelsDirectory = "/var/lib/facewatch/models"
    /// The SQLite gallery of enrolled people (YAML `gallery`).
    public var galleryPath = "/var/lib/facewatch/gallery.sqlite"
    /// Analysis threads; 0 means one per CPU core.
    public var workers = 0
    /// The cameras and files to watch; empty by default.
    public var streams: [StreamConfiguration] = []
    public var detection = DetectionConfiguration()
    public var tracking = TrackingConfiguration()
    public var recognition = RecognitionConfiguration()
    public var embedder = EmbedderConfiguration.dlib
    /// Average each face's descriptor with that of its mirror image (YAML `embedder.mirror_average`, default
    /// false). Twice the embedding work; the descriptors differ, so a gallery belongs to one setting.
    public var mirrorAverage = false
    public var events = EventsConfiguration()

    /// Every key at its default.
    public static let defaults = FacewatchConfiguration()

    public init() {}

    /// Refuses a configuration that parses but that `facewatch run` cannot work with: one without streams.
    /// Kept apart from parsing so that an empty file stays valid for the commands that need no streams.
    /// `source` names the file in the message.
    public func validateForRun(source: String) throws(ConfigurationError) {
        if streams.isEmpty { throw .noStreams(source: source) }
    }
}
